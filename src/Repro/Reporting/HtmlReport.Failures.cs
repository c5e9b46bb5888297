using System.Text;
using Repro.Reporting.Ledger;

namespace Repro.Reporting;

/// <summary>Experiments whose latest attempt failed: listed in the summary, and marked failed with their error in their section.</summary>
public static partial class HtmlReport
{
    private static void RenderFailureSummary(StringBuilder h, ReportModel model)
    {
        var failures = model.CurrentFailures();
        if (failures.Count == 0) return;
        h.Append("<div class=\"failures\">\n<p><strong>").Append(failures.Count)
            .Append(" experiment(s) failed</strong> in their latest run; what did complete is shown as usual.</p>\n<ul>\n");
        foreach (var f in failures)
            h.Append("<li class=\"failed-experiment\" data-experiment=\"").Append(E(f.Experiment)).Append("\" data-profile=\"").Append(E(f.Profile))
                .Append("\"><a href=\"#").Append(Html.Anchor(f.Experiment)).Append("\">").Append(E(f.Experiment)).Append("</a>, profile ")
                .Append(E(f.Profile)).Append(", run ").Append(f.RunId).Append(": ").Append(E(FirstLine(f.Error))).Append("</li>\n");
        h.Append("</ul>\n</div>\n");
    }

    /// <summary>The failed marker of one profile's block: when, in which run, the error in full, and what the table below is.</summary>
    private static void RenderFailure(StringBuilder h, LedgerFailure failure, ReportEntry? lastMeasured)
    {
        h.Append("<h3>Profile ").Append(E(failure.Profile)).Append(": <span class=\"v-failed\">failed</span></h3>\n");
        h.Append("<p class=\"failed\">Run ").Append(failure.RunId).Append(" stopped this experiment at ").Append(E(Time(failure.RecordedUtc)))
            .Append(" with this error:</p>\n<pre class=\"error\">").Append(E(failure.Error)).Append("</pre>\n");
        h.Append("<p class=\"meta\">")
            .Append(E(lastMeasured is null
                ? "No measurement of it at this profile has been recorded."
                : $"Below: its last successful measurement at this profile{(lastMeasured.RunId is { } run ? $" (run {run})" : "")}, older than the failure."))
            .Append("</p>\n");
    }

    private static string FirstLine(string text)
    {
        int end = text.IndexOf('\n');
        return end < 0 ? text : text[..end];
    }
}
