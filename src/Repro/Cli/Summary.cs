using Repro.Reporting;
using Spectre.Console;

namespace Repro.Cli;

/// <summary>Prints a measured table and its claim verdicts to the console.</summary>
public static class Summary
{
    public static void Print(ExperimentResult result)
    {
        var table = new Table().Title(Markup.Escape($"{result.PaperReference}: {result.Title} (profile {result.Profile}, {result.Provenance.DurationSeconds:F0} s)"));
        table.AddColumn("Row");
        foreach (var column in result.Columns) table.AddColumn(new TableColumn(Markup.Escape(column.Header)).RightAligned());
        foreach (var row in result.Rows)
        {
            var cells = new List<string> { Markup.Escape(row.Label) };
            foreach (var column in result.Columns)
                cells.Add(row.Metrics.TryGetValue(column.Key, out var v) ? Markup.Escape(MetricText.Cell(v, column.Format)) : "-");
            table.AddRow(cells.ToArray());
        }
        AnsiConsole.Write(table);
        if (result.UncertaintyNote is { } note) AnsiConsole.MarkupLine($"[grey]{Markup.Escape(note)}[/]");
        else if (result.Provenance.Seeds.Count > 1) AnsiConsole.MarkupLine($"[grey]± is the standard deviation over {result.Provenance.Seeds.Count} seeds.[/]");
        foreach (var claim in result.Claims)
        {
            var colour = claim.Outcome switch { ClaimOutcome.Holds => "green", ClaimOutcome.Fails => "red", ClaimOutcome.Inconclusive => "yellow", _ => "grey" };
            AnsiConsole.MarkupLine($"[{colour}]{claim.Outcome,-12}[/] {Markup.Escape(claim.Claim)}: {Markup.Escape(claim.Explanation)}");
        }
    }
}
