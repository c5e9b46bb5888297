using System.Text;
using Repro.Metrics;

namespace Repro.Reporting;

public static partial class HtmlReport
{
    /// <summary>Provenance (STYLE.md P6), settings, deviations, row details and anything measured beyond the paper's columns.</summary>
    private static void RenderDetails(StringBuilder h, ReportEntry entry, IReadOnlyList<MetricColumn> columns, ExperimentVerdict? verdict)
    {
        var r = entry.Result;
        var p = r.Provenance;
        h.Append("<details class=\"run-details\"><summary>Run details: commit, device, seeds, duration, settings, artifacts</summary>\n");
        h.Append("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Provenance\"><table class=\"kv\">\n");
        Kv(h, "Commit", p.Commit + (p.Dirty ? " (dirty: uncommitted changes)" : ""), code: true);
        Kv(h, "Device", p.Device);
        Kv(h, "TorchSharp / libtorch", $"{p.TorchSharpVersion} / {p.LibTorchVersion}");
        Kv(h, "Machine", p.Machine);
        Kv(h, "Numerics", p.Numerics is null ? "not recorded (a result from before the kernel pin)" : p.Numerics.Describe());
        Kv(h, "Operating system", p.OperatingSystem);
        Kv(h, "Started", Time(p.StartedUtc));
        Kv(h, "Finished", Time(p.FinishedUtc));
        Kv(h, "Duration", Duration(p.DurationSeconds));
        Kv(h, "Seeds", p.Seeds.Count == 0 ? "none recorded" : string.Join(", ", p.Seeds));
        if (entry.ResultId is not null)
            Kv(h, "Ledger", $"result {entry.ResultId}, run {entry.RunId}" + (entry.Accepted ? ", accepted" : ", not the accepted result"));
        h.Append("</table></div>\n");

        h.Append("<h4>Artifacts used (").Append(p.ArtifactKeys.Count).Append(")</h4>\n");
        if (p.ArtifactKeys.Count == 0) h.Append("<p class=\"empty\">None recorded.</p>\n");
        else
        {
            h.Append("<ul class=\"artifacts\">\n");
            foreach (var key in p.ArtifactKeys) h.Append("<li><code>").Append(E(key)).Append("</code></li>\n");
            h.Append("</ul>\n");
        }

        h.Append("<h4>Settings</h4>\n");
        if (r.Settings.Count == 0) h.Append("<p class=\"empty\">None recorded.</p>\n");
        else
        {
            h.Append("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Settings\"><table class=\"kv settings\">\n");
            foreach (var (key, value) in r.Settings) Kv(h, key, value, code: true);
            h.Append("</table></div>\n");
        }

        h.Append("<h4>Deviations this result ran under</h4>\n");
        RenderDeviations(h, r.Deviations, "None: the paper's protocol.");

        var rowDetails = r.Rows.Where(x => x.Details is { Count: > 0 }).ToList();
        if (rowDetails.Count > 0)
        {
            h.Append("<h4>Row details</h4>\n<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Row details\"><table class=\"row-details\">\n<thead><tr><th>Row</th><th>Key</th><th>Value</th></tr></thead>\n<tbody>\n");
            foreach (var row in rowDetails)
                foreach (var (key, value) in row.Details!)
                    h.Append("<tr><td><code>").Append(E(row.Id)).Append("</code></td><td>").Append(E(key)).Append("</td><td><code>").Append(E(value)).Append("</code></td></tr>\n");
            h.Append("</tbody>\n</table></div>\n");
        }

        var known = columns.Select(c => c.Key).ToHashSet();
        var extraMetrics = r.Rows.SelectMany(x => x.Metrics.Where(m => !known.Contains(m.Key)).Select(m => (Row: x, m.Key, m.Value))).ToList();
        if (extraMetrics.Count > 0)
        {
            h.Append("<h4>Other measured metrics</h4>\n<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Other measured metrics\"><table class=\"extra-metrics\">\n<thead><tr><th>Row</th><th>Metric</th><th>Measured</th></tr></thead>\n<tbody>\n");
            foreach (var (row, key, value) in extraMetrics)
                h.Append("<tr><td><code>").Append(E(row.Id)).Append("</code></td><td><code>").Append(E(key)).Append("</code></td><td>")
                    .Append(E(MeasuredText(value, Metric.FormatOf(key)))).Append("</td></tr>\n");
            h.Append("</tbody>\n</table></div>\n");
        }

        if (verdict is { ExtraRows.Count: > 0 })
        {
            h.Append("<h4>Rows measured but not in the paper</h4>\n<ul>\n");
            foreach (var row in verdict.ExtraRows)
                h.Append("<li><code>").Append(E(row.Id)).Append("</code> ").Append(E(row.Label)).Append(": ")
                    .Append(E(string.Join(", ", row.Metrics.Select(m => $"{m.Key} = {MeasuredText(m.Value, Metric.FormatOf(m.Key))}")))).Append("</li>\n");
            h.Append("</ul>\n");
        }
        h.Append("</details>\n");
    }

    private static void Kv(StringBuilder h, string key, string value, bool code = false)
    {
        h.Append("<tr><th>").Append(E(key)).Append("</th><td>");
        if (code) h.Append("<code>").Append(E(value)).Append("</code>");
        else h.Append(E(value));
        h.Append("</td></tr>\n");
    }

    /// <summary>Directional claims the claim tests evaluated (STYLE.md P7): sentence, paper value, measured mean ± std (n), outcome.</summary>
    private static void RenderClaims(StringBuilder h, ExperimentResult result)
    {
        if (result.Claims.Count == 0) return;
        h.Append("<h4>Claims</h4>\n<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Claims\"><table class=\"claims\">\n<thead><tr><th>Outcome</th><th>Claim</th><th>The paper says</th><th>Paper</th><th>Measured</th><th>Why</th></tr></thead>\n<tbody>\n");
        foreach (var c in result.Claims)
        {
            string cls = c.IsDocumentedFailure ? "v-not-at-scale"
                : c.Outcome switch { ClaimOutcome.Holds => "v-reproduced", ClaimOutcome.Fails => "v-not-reproduced", ClaimOutcome.Inconclusive => "v-inconclusive", _ => "v-not-measured" };
            string text = c.Outcome switch
            {
                ClaimOutcome.Holds => "Holds",
                ClaimOutcome.Fails => "Fails",
                ClaimOutcome.Inconclusive => "Inconclusive at this scale",
                _ => "Not measured",
            } + (c.IsDocumentedFailure ? " (documented at this scale)" : "");
            h.Append("<tr class=\"claim\"><td class=\"verdict ").Append(cls).Append("\">").Append(text).Append("</td><td><code>").Append(E(c.Claim))
                .Append("</code></td><td>").Append(E(c.PaperSentence)).Append("</td><td>").Append(E(c.PaperValue)).Append("</td><td>")
                .Append(E(c.MeasuredText)).Append("</td><td>").Append(E(c.Explanation)).Append("</td></tr>\n");
        }
        h.Append("</tbody>\n</table></div>\n");
    }
}
