using Repro.Reporting;
using Spectre.Console;

namespace Repro.Cli;

/// <summary>Prints a measured table and its claim verdicts to the console.</summary>
public static class Summary
{
    /// <param name="accepted">The same experiment's accepted multi-seed result, whose verdict is printed beside each claim's.</param>
    public static void Print(ExperimentResult result, ExperimentResult? accepted = null)
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
            AnsiConsole.MarkupLine($"[{Colour(claim.Outcome)}]{claim.Outcome,-12}[/] {Markup.Escape(claim.Claim)}: {Markup.Escape(claim.Explanation)}");
            if (accepted?.Claims.FirstOrDefault(c => c.Claim == claim.Claim) is { } five)
                AnsiConsole.MarkupLine($"             [grey]{Markup.Escape(accepted.Profile)}:[/] [{Colour(five.Outcome)}]{five.Outcome}[/] [grey]{Markup.Escape(five.MeasuredText)}[/]");
        }
        if (accepted is not null)
            AnsiConsole.MarkupLine($"[grey]{Markup.Escape(accepted.Profile)}: commit {Markup.Escape(accepted.Provenance.Commit[..Math.Min(12, accepted.Provenance.Commit.Length)])}, " +
                $"{accepted.Provenance.StartedUtc:yyyy-MM-dd}; {Markup.Escape(accepted.UncertaintyNote ?? "")}[/]");
    }

    /// <summary>One line for a table in the run's closing summary: its claims by verdict and its snapshot.</summary>
    public static string Line(ExperimentResult result, bool snapshotMatched)
    {
        int Count(ClaimOutcome o) => result.Claims.Count(c => c.Outcome == o);
        return $"{result.PaperReference}: {Count(ClaimOutcome.Holds)} claims hold, {Count(ClaimOutcome.Fails)} fail, {Count(ClaimOutcome.Inconclusive)} inconclusive, " +
            $"{Count(ClaimOutcome.NotMeasured)} not measured here; snapshot {(snapshotMatched ? "matched" : "differs or is new")} ({result.Provenance.DurationSeconds:F0} s)";
    }

    /// <summary>One line per headline finding: its verdict at this run's profile first, then at every other profile judged.</summary>
    public static void PrintFindings(IReadOnlyList<FindingVerdict> findings, string profile)
    {
        if (findings.Count == 0) return;
        AnsiConsole.MarkupLine("[bold]Does the paper hold? Its headline findings[/]");
        foreach (var finding in findings.GroupBy(f => f.Id))
        {
            var ordered = finding.OrderBy(f => f.Profile == profile ? 0 : 1).ToList();
            var verdicts = string.Join("; ", ordered.Select(f => $"[{Colour(f.Overall)}]{Word(f.Overall)}[/] [grey]({Markup.Escape(f.Profile)})[/]"));
            AnsiConsole.MarkupLine($"  {Markup.Escape(finding.First().Statement)}: {verdicts}");
        }
    }

    static string Colour(ClaimOutcome outcome) =>
        outcome switch { ClaimOutcome.Holds => "green", ClaimOutcome.Fails => "red", ClaimOutcome.Inconclusive => "yellow", _ => "grey" };

    static string Word(ClaimOutcome outcome) =>
        outcome switch { ClaimOutcome.Holds => "holds", ClaimOutcome.Fails => "fails", ClaimOutcome.Inconclusive => "inconclusive", _ => "not measured" };
}
