using System.Globalization;
using System.Text;
using Repro.Metrics;
using Repro.Reporting.Plots;

namespace Repro.Reporting;

public static partial class HtmlReport
{
    private static void RenderExperiment(StringBuilder h, ReportModel model, string experiment)
    {
        var table = PaperTableCatalog.Find(experiment);
        model.Baselines.TryGetValue(experiment, out var baseline);
        var anyEntry = model.Entries.FirstOrDefault(e => e.Result.Experiment == experiment);
        string reference = table?.PaperReference ?? anyEntry?.Result.PaperReference ?? "";
        string title = table?.Title ?? anyEntry?.Result.Title ?? experiment;

        h.Append("<section class=\"experiment\" id=\"").Append(Html.Anchor(experiment)).Append("\" data-experiment=\"").Append(E(experiment)).Append("\">\n");
        h.Append("<h2>").Append(E(reference)).Append(reference.Length > 0 ? " — " : "").Append(E(title)).Append("</h2>\n");
        h.Append("<p class=\"experiment-name\"><code>").Append(E(experiment)).Append("</code></p>\n");
        if (model.Pending.Contains(experiment))
            h.Append("<p class=\"pending\"><strong>Pending:</strong> the run writing this page measures it after the experiments before it; this page is rewritten when it finishes.</p>\n");
        if (table?.NotMeasurableReason is { } offline)
            h.Append("<p class=\"not-measurable\"><strong>Not measurable offline.</strong> ").Append(E(offline)).Append("</p>\n");
        if (table?.LocalStandIn is { } standIn)
            h.Append("<p class=\"stand-in\"><strong>Measured against a local stand-in.</strong> ").Append(E(standIn)).Append("</p>\n");
        if (baseline is null)
            h.Append("<p class=\"warning\">No paper baseline (<code>baselines/paper/").Append(E(experiment)).Append(".csv</code>) was found: measured values are shown without verdicts.</p>\n");

        var columns = Columns(table, baseline, anyEntry?.Result);
        var profiles = model.Profiles();
        var measuredProfiles = profiles.Where(p => model.Entry(experiment, p) is not null).ToList();
        var failedProfiles = profiles.Where(p => model.Failure(experiment, p) is not null).ToList();
        var missing = profiles.Except(measuredProfiles).Except(failedProfiles).ToList();

        foreach (var profile in failedProfiles.Except(measuredProfiles))
        {
            h.Append("<div class=\"profile-block failed\" data-profile=\"").Append(E(profile)).Append("\">\n");
            RenderFailure(h, model.Failure(experiment, profile)!, null);
            h.Append("</div>\n");
        }
        if (measuredProfiles.Count == 0)
        {
            string reason = table?.NotMeasurableReason is not null ? "not measurable offline" : "not run";
            if (failedProfiles.Count == 0)
                h.Append("<p class=\"not-run\">").Append(E(profiles.Count == 0 ? $"Not run yet ({reason})." : $"Not run at any profile ({reason}).")).Append("</p>\n");
            if (baseline is not null)
            {
                var verdict = PaperComparison.Compare(baseline, null, "-", table?.NotMeasurableReason ?? "not run");
                RenderTable(h, model, table, columns, verdict, null);
                RenderPaperNotes(h, baseline, columns);
            }
        }
        else if (missing.Count > 0)
            h.Append("<p class=\"not-run\">").Append(E($"Not run at profile(s): {string.Join(", ", missing)}.")).Append("</p>\n");

        foreach (var profile in measuredProfiles)
        {
            var entry = model.Entry(experiment, profile)!;
            var verdict = baseline is null ? null : PaperComparison.Compare(baseline, entry.Result, profile);
            var failure = model.Failure(experiment, profile);
            h.Append("<div class=\"profile-block").Append(failure is null ? "" : " failed").Append("\" data-profile=\"").Append(E(profile)).Append("\">\n");
            if (failure is not null) RenderFailure(h, failure, entry);
            h.Append("<h3>Profile ").Append(E(profile)).Append(verdict is null ? "" : ": " + E(verdict.Summary())).Append("</h3>\n");
            RenderUncertainty(h, entry.Result.UncertaintyNote ?? (entry.Result.Provenance.Seeds.Count > 1
                ? $"± is the standard deviation over this run's {entry.Result.Provenance.Seeds.Count} seeds; verdicts use it divided by √n, at two such uncertainties."
                : "One seed and no measured spread for this profile: numbers carry no uncertainty, and verdicts compare them as points."));
            if (verdict is not null) RenderFoldingUnmeasured(h, model, table, columns, verdict, entry);
            else RenderMeasuredOnly(h, columns, entry.Result);
            RenderFigures(h, table, baseline, entry.Result);
            RenderClaims(h, entry.Result);
            RenderDetails(h, entry, columns, verdict);
            h.Append("</div>\n");
        }
        if (measuredProfiles.Count > 0 && baseline is not null) RenderPaperNotes(h, baseline, columns);
        h.Append("</section>\n");
    }

    /// <summary>The paper's columns; without a catalog entry, the baseline's metrics (then the result's) in first-seen order.</summary>
    private static IReadOnlyList<MetricColumn> Columns(PaperTable? table, PaperBaseline? baseline, ExperimentResult? result)
    {
        if (table is not null) return table.Columns;
        var keys = new List<string>();
        foreach (var k in baseline?.Rows.SelectMany(r => r.Cells.Select(c => c.Metric)) ?? Enumerable.Empty<string>())
            if (!keys.Contains(k)) keys.Add(k);
        if (keys.Count == 0 && result is not null) return result.Columns;
        return keys.Select(k => result?.Columns.FirstOrDefault(c => c.Key == k)
            ?? new MetricColumn(k, k, Metric.Find(k)?.Direction ?? MetricDirection.Neutral, Metric.FormatOf(k))).ToList();
    }

    /// <summary>What ± means, in one line; where it came from (commands, commits, numerics) folded below it.</summary>
    private static void RenderUncertainty(StringBuilder h, string note)
    {
        int cut = note.IndexOf(" (", StringComparison.Ordinal) is > 0 and var paren && paren < 160 ? paren : note.IndexOf(": ", StringComparison.Ordinal);
        if (note.Length <= 200 || cut <= 0)
        {
            h.Append("<p class=\"uncertainty\">").Append(E(note)).Append("</p>\n");
            return;
        }
        h.Append("<details class=\"uncertainty\"><summary>").Append(E(note[..cut])).Append(" (where it was measured)</summary><p class=\"uncertainty\">")
            .Append(E(note)).Append("</p></details>\n");
    }

    /// <summary>
    /// The table with its measured groups; a group of rows this profile measures none of (ImageNet at mini) folds into one
    /// line with its count and why, which opens to the paper's values.
    /// </summary>
    private static void RenderFoldingUnmeasured(StringBuilder h, ReportModel model, PaperTable? table, IReadOnlyList<MetricColumn> columns,
        ExperimentVerdict verdict, ReportEntry entry)
    {
        var unmeasured = verdict.Rows.GroupBy(r => r.Paper.Group)
            .Where(g => g.Key.Length > 0 && g.All(r => r.Verdict == RowVerdict.NotMeasured) && g.Count() < verdict.Rows.Count)
            .Select(g => g.Key).ToHashSet();
        RenderTable(h, model, table, columns, unmeasured.Count == 0 ? verdict : verdict with { Rows = verdict.Rows.Where(r => !unmeasured.Contains(r.Paper.Group)).ToList() }, entry);
        foreach (var group in unmeasured)
        {
            var rows = verdict.Rows.Where(r => r.Paper.Group == group).ToList();
            var reason = rows.Select(r => r.Reason).FirstOrDefault(r => !string.IsNullOrEmpty(r)) ?? "not run at this profile";
            h.Append("<details class=\"unmeasured-group\"><summary>").Append(E(group.Replace(" | ", ", ", StringComparison.Ordinal))).Append(": ").Append(rows.Count)
                .Append(" row(s) the '").Append(E(verdict.Profile)).Append("' profile does not measure (").Append(E(reason)).Append("); open for the paper's values</summary>\n");
            RenderTable(h, model, table, columns, verdict with { Rows = rows }, null);
            h.Append("</details>\n");
        }
    }

    private static void RenderTable(StringBuilder h, ReportModel model, PaperTable? table, IReadOnlyList<MetricColumn> columns,
        ExperimentVerdict verdict, ReportEntry? entry)
    {
        bool measured = entry is not null;
        var groupHeaders = table?.GroupHeaders ?? new[] { "Group" };
        var labelHeaders = table?.LabelHeaders ?? new[] { "Row" };
        bool showGroups = groupHeaders.Count > 0 && verdict.Rows.Any(r => r.Paper.Group.Length > 0);
        int sub = measured ? 3 : 1;

        h.Append("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"").Append(E($"{verdict.Experiment}, {(entry is not null ? $"profile {entry.Result.Profile}" : string.IsNullOrEmpty(verdict.Profile) ? "the paper's values" : $"rows profile {verdict.Profile} does not measure")}")).Append("\"><table class=\"paper-table").Append(measured ? " measured" : " paper-only").Append("\">\n<thead>\n<tr>");
        if (showGroups) foreach (var g in groupHeaders) h.Append("<th rowspan=\"2\" class=\"desc\">").Append(E(g)).Append("</th>");
        foreach (var l in labelHeaders) h.Append("<th rowspan=\"2\" class=\"desc\">").Append(E(l)).Append("</th>");
        foreach (var c in columns)
            h.Append("<th colspan=\"").Append(sub).Append("\" class=\"metric-head\" title=\"").Append(E(c.Key)).Append("\">").Append(E(c.Header)).Append("</th>");
        h.Append("<th rowspan=\"2\">Verdict</th>");
        if (measured) h.Append("<th rowspan=\"2\">Trend</th>");
        h.Append("</tr>\n<tr>");
        foreach (var _ in columns)
        {
            h.Append("<th class=\"sub\">paper</th>");
            if (measured) h.Append("<th class=\"sub\">measured</th><th class=\"sub\">Δ</th>");
        }
        h.Append("</tr>\n</thead>\n<tbody>\n");

        var rows = verdict.Rows;
        for (int i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            h.Append("<tr class=\"row\" data-verdict=\"").Append(VerdictClass(row.Verdict)).Append("\" data-row=\"").Append(E(row.Paper.Id)).Append("\">");
            if (showGroups && (i == 0 || rows[i - 1].Paper.Group != row.Paper.Group))
            {
                int span = 1;
                while (i + span < rows.Count && rows[i + span].Paper.Group == row.Paper.Group) span++;
                foreach (var cell in DescriptiveCells(row.Paper.Group, groupHeaders.Count))
                    h.Append("<th rowspan=\"").Append(span).Append("\" class=\"group\" scope=\"rowgroup\">").Append(E(cell)).Append("</th>");
            }
            foreach (var cell in DescriptiveCells(row.Paper.Label, labelHeaders.Count))
                h.Append("<td class=\"label\">").Append(E(cell)).Append("</td>");

            foreach (var column in columns)
            {
                var cmp = row.Cells.FirstOrDefault(c => c.Metric == column.Key);
                var paper = cmp?.Paper;
                if (paper is null) h.Append("<td class=\"paper none\">-</td>");
                else
                {
                    h.Append("<td class=\"paper\" title=\"").Append(E($"tolerance {paper.Tolerance.Describe()}: [{MetricText.Format(paper.Tolerance.Low(paper.Mean), column.Format)}, {MetricText.Format(paper.Tolerance.High(paper.Mean), column.Format)}]"))
                        .Append("\">").Append(E(paper.Printed)).Append("</td>");
                }
                if (!measured) continue;
                var value = row.Measured?.Metrics.GetValueOrDefault(column.Key);
                if (value is null) { h.Append("<td class=\"measured none\">-</td><td class=\"delta\"></td>"); continue; }
                string state = paper is null ? "" : paper.Contains(value.Mean) ? " in" : " out";
                h.Append("<td class=\"measured").Append(state).Append("\">").Append(E(MeasuredText(value, column.Format))).Append("</td>");
                h.Append("<td class=\"delta\">").Append(paper is null ? "" : E(MetricText.Delta(value.Mean - paper.Mean, column.Format))).Append("</td>");
            }
            h.Append("<td class=\"verdict ").Append(VerdictClass(row.Verdict)).Append("\">").Append(E(VerdictText(row.Verdict)));
            if (row.Reason is not null) h.Append("<div class=\"reason\">").Append(E(row.Reason)).Append("</div>");
            h.Append("</td>");
            if (measured) h.Append("<td class=\"trend\">").Append(Trend(model, entry!.Result, row.Paper, columns)).Append("</td>");
            h.Append("</tr>\n");
        }
        h.Append("</tbody>\n</table></div>\n");
    }

    /// <summary>A measured table with no paper baseline: values only.</summary>
    private static void RenderMeasuredOnly(StringBuilder h, IReadOnlyList<MetricColumn> columns, ExperimentResult result)
    {
        h.Append("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"").Append(E($"{result.Experiment}, profile {result.Profile}")).Append("\"><table class=\"paper-table measured-only\">\n<thead><tr><th>Group</th><th>Row</th>");
        foreach (var c in columns) h.Append("<th>").Append(E(c.Header)).Append("</th>");
        h.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in result.Rows)
        {
            h.Append("<tr data-row=\"").Append(E(row.Id)).Append("\"><td>").Append(E(row.Group)).Append("</td><td>").Append(E(row.Label)).Append("</td>");
            foreach (var c in columns)
            {
                var v = row.Metrics.GetValueOrDefault(c.Key);
                h.Append("<td class=\"measured\">").Append(v is null ? "-" : E(MeasuredText(v, c.Format))).Append("</td>");
            }
            h.Append("</tr>\n");
        }
        h.Append("</tbody>\n</table></div>\n");
    }

    private static IEnumerable<string> DescriptiveCells(string text, int count)
    {
        var cells = PaperTable.Cells(text);
        if (cells.Count == count) return cells;
        // A label the catalog does not expect: keep it whole in the first cell rather than drop text.
        return new[] { text }.Concat(Enumerable.Repeat("", Math.Max(0, count - 1)));
    }

    private static string MeasuredText(MetricValue v, MetricFormat format) =>
        format == MetricFormat.Check ? MetricText.Format(v.Mean, format)
        : v.Uncertainty is { } u ? $"{MetricText.Format(v.Mean, format)} ± {MetricText.Format(u, format)}"
        : v.N > 1 ? $"{MetricText.Format(v.Mean, format)} ± {MetricText.Format(v.Std, format)} (n={v.N.ToString(CultureInfo.InvariantCulture)})"
        : $"{MetricText.Format(v.Mean, format)} (n={v.N.ToString(CultureInfo.InvariantCulture)})";

    /// <summary>A sparkline of the row's first vulnerability metric (not accuracy) across runs, where there are two or more.</summary>
    private static string Trend(ReportModel model, ExperimentResult result, PaperRow row, IReadOnlyList<MetricColumn> columns)
    {
        foreach (var column in columns.Where(c => c.Direction != MetricDirection.Neutral).Concat(columns.Where(c => c.Direction == MetricDirection.Neutral)))
        {
            var history = model.History(result.Experiment, result.Profile, row.Id, column.Key);
            if (history is null || history.Points.Count < 2) continue;
            var values = history.Points.Select(p => p.Mean).ToList();
            string title = $"{column.Header} across {values.Count} runs: " + string.Join(", ", values.Select(v => MetricText.Format(v, column.Format)));
            return Sparkline.Render(values, title) + "<span class=\"trend-metric\">" + E(column.Header) + "</span>";
        }
        return "";
    }

    private static string VerdictClass(RowVerdict v) => v switch
    {
        RowVerdict.Reproduced => "v-reproduced",
        RowVerdict.Partly => "v-partly",
        RowVerdict.NotReproduced => "v-not-reproduced",
        RowVerdict.NotAtThisScale => "v-not-at-scale",
        _ => "v-not-measured",
    };

    private static string VerdictText(RowVerdict v) => v switch
    {
        RowVerdict.Reproduced => "Reproduced",
        RowVerdict.Partly => "Partly reproduced",
        RowVerdict.NotReproduced => "Not reproduced",
        RowVerdict.NotAtThisScale => "Not at this scale",
        _ => "Not measured",
    };

    /// <summary>The baseline's notes (paper inconsistencies, text-only values), one line per row and note.</summary>
    private static void RenderPaperNotes(StringBuilder h, PaperBaseline baseline, IReadOnlyList<MetricColumn> columns)
    {
        var notes = baseline.Rows
            .SelectMany(r => r.Cells.Where(c => c.Note.Length > 0).GroupBy(c => c.Note).Select(g => (Row: r, Note: g.Key, Metrics: g.Select(c => c.Metric).ToList())))
            .ToList();
        if (notes.Count == 0) return;
        h.Append("<details class=\"paper-notes\"><summary>Notes on the paper's numbers (").Append(notes.Count).Append(")</summary>\n<ul>\n");
        foreach (var (row, note, metrics) in notes)
        {
            bool allOfRow = metrics.Count == row.Cells.Count && row.Cells.Count > 1;
            string which = allOfRow ? "" : " · " + string.Join(", ", metrics.Select(m => columns.FirstOrDefault(c => c.Key == m)?.Header ?? m));
            h.Append("<li><code>").Append(E(row.Id)).Append("</code>").Append(E(which)).Append(": ").Append(E(note)).Append("</li>\n");
        }
        h.Append("</ul>\n</details>\n");
    }
}
