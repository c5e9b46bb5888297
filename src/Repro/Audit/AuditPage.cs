using System.Globalization;
using System.Text;
using Repro.Reporting;
using Repro.Reporting.Plots;

namespace Repro.Audit;

/// <summary>
/// The audit as one self-contained HTML page (inline CSS and SVG, nothing fetched): the headline with its intervals,
/// then accuracy, similarities, transfer attacks, query attacks with the chart of how fast each prior fools the server,
/// and for `repro harden` the before/after table, the verdict against the adaptive attacker and the λ trade-off chart.
/// </summary>
public static class AuditPage
{
    const string Css = """
        body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 auto; max-width: 1100px; padding: 0 20px 40px; color: #1d232b; }
        h1 { margin: 18px 0 2px; font-size: 24px; } h2 { margin-top: 30px; border-bottom: 1px solid #d0d6de; padding-bottom: 4px; font-size: 19px; }
        .headline { font-size: 18px; background: #fbdcdc; color: #5c1212; border-left: 6px solid #8f1d1d; padding: 12px 16px; margin: 14px 0; }
        .headline.hardened { background: #d9f2dd; color: #17612a; border-color: #17612a; }
        table { border-collapse: collapse; margin: 6px 0 12px; } th, td { border: 1px solid #d0d6de; padding: 3px 8px; }
        thead th { background: #f3f5f8; } td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .meta { color: #5a6573; } .na { color: #5a6573; font-style: italic; } .bad { color: #8f1d1d; font-weight: 600; } .ok { color: #17612a; font-weight: 600; }
        svg text { font: 11px system-ui, sans-serif; } .charts { display: flex; flex-wrap: wrap; gap: 16px; }
        """;

    public static string Render(AuditReport audit, HardenReport? harden = null)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(Html.Encode($"Audit: {audit.Server} and {audit.Device}")).Append("</title><style>").Append(Css).Append("</style></head><body>");
        html.Append($"<h1>Audit of {Html.Encode(audit.Server)} and its on-device sibling {Html.Encode(audit.Device)}</h1>");
        html.Append("<p class=\"meta\">What publishing the sibling gives an attacker of the server, measured with the protocol of Hong et al., " +
            "\"Publishing Efficient On-device Models Increases Adversarial Vulnerability\" (SaTML 2023, §IV-A).</p>");
        if (harden is null) Body(html, audit, 2);
        else Harden(html, harden);
        html.Append("</body></html>");
        return html.ToString();
    }

    static void Body(StringBuilder html, AuditReport audit, int level)
    {
        string h = $"h{level}";
        html.Append($"<p class=\"headline{(audit.DeviceHardening is null ? "" : " hardened")}\">{Html.Encode(audit.Headline)}</p>");
        if (audit.DeviceHardening is { } hardening) html.Append($"<p class=\"meta\">The sibling was hardened: {Html.Encode(hardening)}.</p>");

        html.Append($"<{h}>Clean accuracy</{h}><table><thead><tr><th>server</th><th>on-device</th><th>top-1 agreement</th><th>test images</th></tr></thead><tbody><tr>")
            .Append(Cell(audit.Accuracy.Server, "F1", "%")).Append(Cell(audit.Accuracy.Device, "F1", "%")).Append(Cell(audit.Accuracy.Agreement, "F1", "%"))
            .Append($"<td class=\"n\">{audit.Accuracy.Images}</td></tr></tbody></table>");

        html.Append($"<{h}>Similarity (Appendix D, mean cosine)</{h}><table><thead><tr><th>metric</th><th>value</th><th>samples</th></tr></thead><tbody>");
        foreach (var s in audit.Similarities)
            html.Append($"<tr><td>{Html.Encode(s.Metric)}</td>")
                .Append(s.Value is double v ? Cell(v, "F3") : $"<td class=\"na\">{Html.Encode(s.NotMeasurable)}</td>")
                .Append($"<td class=\"n\">{s.Samples}</td></tr>");
        html.Append("</tbody></table>");

        html.Append($"<{h}>Transfer attacks (crafted on the sibling, evaluated on the server; eps {Eps(audit.Epsilon)})</{h}>")
            .Append("<table><thead><tr><th>attack</th><th>crafted on</th><th>server clean</th><th>server on transferred</th><th>server on its own white-box</th><th>RFR</th></tr></thead><tbody>");
        foreach (var t in audit.Transfers)
            html.Append($"<tr><td>{Html.Encode(t.Attack)}</td><td>{Html.Encode(t.Source)}</td>").Append(Cell(t.ServerClean, "F1", "%"))
                .Append(Cell(t.ServerUnderTransfer, "F1", "%"))
                .Append(t.ServerUnderWhiteBox is double w ? Cell(w, "F1", "%") : "<td class=\"na\">–</td>")
                .Append(t.Rfr is double r ? Cell(r, "F2") : $"<td class=\"na\">{Html.Encode(t.RfrNotMeasurable)}</td>").Append("</tr>");
        html.Append($"</tbody></table><p class=\"meta\">{audit.AttackSamples} test images. RFR = (A(S) − A(S transferred)) / (A(S) − A(S white-box)): 1 means the sibling's examples fool the server as well as the server's own.</p>");

        string attack = audit.QueryAttack == Auditor.LabelAttack ? "RayS, label-only: the server answers its top-1 label only" : audit.QueryAttack;
        html.Append($"<{h}>Query attacks ({Html.Encode(attack)}, budget {audit.QueryBudget} queries)</{h}>")
            .Append("<table><thead><tr><th>prior</th><th>attacked</th><th>fooled</th><th>fooling rate</th><th>median queries</th><th>mean queries</th><th>mean on success</th></tr></thead><tbody>");
        foreach (var q in audit.Queries)
            html.Append($"<tr><td>{Html.Encode(q.Prior)}</td><td class=\"n\">{q.Attacked}</td><td class=\"n\">{q.Fooled}</td>")
                .Append(EstimateCell(q.FoolingRate, "F1", "%")).Append(EstimateCell(q.MedianQueries, "F0")).Append(EstimateCell(q.MeanQueries, "F1"))
                .Append(q.MeanQueriesOnSuccess is double m ? Cell(m, "F1") : "<td class=\"na\">–</td>").Append("</tr>");
        html.Append("</tbody></table><p class=\"meta\">A failure counts as the whole budget (Table I's \"# Queries\"); [low–high] is the 95% percentile bootstrap interval over the attacked images.</p>");
        if (audit.Queries.Count > 0) html.Append(QueriesChart(audit));

        html.Append($"<{h}>What was measured</{h}><table><tbody>")
            .Append(Row("server", $"{audit.Server} — {audit.ServerIdentity}")).Append(Row("on-device", $"{audit.Device} — {audit.DeviceIdentity}"))
            .Append(Row("data", audit.Data)).Append(Row("settings", audit.Settings))
            .Append(Row("adaptive attacks", audit.AdaptiveAttacks ? "run (the sibling's gradient negated, for crafting and as the prior)" : "not run (an unhardened sibling; --adaptive runs them)"))
            .Append(audit.Traffic is { } traffic ? Row("remote server", $"{traffic.Mode}; this run: {traffic.Describe()}") : "")
            .Append(Row("measured", string.Create(CultureInfo.InvariantCulture, $"{audit.CreatedUtc}, {audit.Seconds:F0} s")))
            .Append("</tbody></table>");
    }

    static void Harden(StringBuilder html, HardenReport harden)
    {
        html.Append("<h2>Hardening: before and after</h2><table><thead><tr><th>sibling</th><th>on-device accuracy</th><th>accuracy cost</th>" +
            "<th>PGD RFR</th><th>PGD RFR, gradient negated</th><th>P-RGF with the prior: FR / median queries</th><th>with the negated prior (adaptive)</th>" +
            "<th>no prior</th><th>against the adaptive attacker</th></tr></thead><tbody>");
        HardenRow(html, "published (before)", harden, harden.Before);
        foreach (var run in harden.Runs)
            HardenRow(html, $"{run.Penalty}, λ = {run.Lambda.ToString("G", CultureInfo.InvariantCulture)}, {run.Epochs} epoch(s) → {Path.GetFileName(run.Output)}", harden, run.Audit);
        html.Append("</tbody></table><p class=\"meta\">The paper's penalty (input-gradient, signed cosine) pushes the sibling's gradients towards the opposite of the server's; " +
            "an attacker who knows that negates them. |cos| and cos² push them towards orthogonal instead, which negation cannot undo. " +
            "The verdict takes the attacker's best prior (as published or negated) and holds when it needs at least half the queries of no prior at all; " +
            $"a sibling that lost more than {harden.MaxAccuracyCost.ToString("G", CultureInfo.InvariantCulture)} accuracy points is no usable sibling (--max-accuracy-cost). " +
            $"Fine-tuning recipe: {Html.Encode(harden.Recipe)}.</p>");
        if (harden.Runs.Count > 1) html.Append(TradeOffCharts(harden));
        foreach (var run in harden.Runs)
        {
            html.Append($"<h2>After: {Html.Encode(run.Penalty)}, λ = {run.Lambda.ToString("G", CultureInfo.InvariantCulture)}</h2>");
            Body(html, run.Audit, 3);
        }
        html.Append("<h2>Before: the published sibling</h2>");
        Body(html, harden.Before, 3);
    }

    static void HardenRow(StringBuilder html, string label, HardenReport harden, AuditReport audit)
    {
        var before = harden.Before;
        var pgd = audit.Transfers.FirstOrDefault(t => t.Attack.StartsWith("PGD", StringComparison.Ordinal) && t.Source == "on-device");
        var pgdNegated = audit.Transfers.FirstOrDefault(t => t.Attack.StartsWith("PGD", StringComparison.Ordinal) && t.Source != "on-device");
        string verdict = ReferenceEquals(audit, before) ? "–" : harden.VerdictOf(audit);
        html.Append($"<tr><td>{Html.Encode(label)}</td>").Append(Cell(audit.Accuracy.Device, "F1", "%"))
            .Append(ReferenceEquals(audit, before) ? "<td class=\"na\">–</td>" : Cell(before.Accuracy.Device - audit.Accuracy.Device, "F1", " points"))
            .Append(pgd?.Rfr is double r ? Cell(r, "F2") : "<td class=\"na\">–</td>")
            .Append(pgdNegated?.Rfr is double rn ? Cell(rn, "F2") : "<td class=\"na\">not run</td>")
            .Append(QueryCell(audit.Query(AuditReport.WithPrior))).Append(QueryCell(audit.Query(AuditReport.NegatedPrior))).Append(QueryCell(audit.Query(AuditReport.WithoutPrior)))
            .Append($"<td class=\"{(verdict.StartsWith("holds", StringComparison.Ordinal) ? "ok" : verdict == "–" ? "na" : "bad")}\">{Html.Encode(verdict)}</td></tr>");
    }

    static string QueryCell(QueryResult? q) => q?.FoolingRate is null ? "<td class=\"na\">not run</td>"
        : $"<td class=\"n\">{Html.Encode(F(q.FoolingRate.Value, "F0"))}% / {Html.Encode(F(q.MedianQueries!.Value, "F0"))} [{Html.Encode(F(q.MedianQueries.Low, "F0"))}–{Html.Encode(F(q.MedianQueries.High, "F0"))}]</td>";

    /// <summary>Fraction of attacked images fooled within q queries, per prior: how much faster the sibling makes the attack.</summary>
    static string QueriesChart(AuditReport audit)
    {
        var series = audit.Queries.Where(q => q.Attacked > 0).Select(q =>
        {
            var successes = q.Samples.Where(s => s.Attacked && s.Fooled).Select(s => (double)s.Queries).OrderBy(v => v).ToList();
            var points = new List<ChartPoint> { new(0, 0) };
            for (int i = 0; i < successes.Count; i++) points.Add(new ChartPoint(successes[i], 100.0 * (i + 1) / q.Attacked));
            points.Add(new ChartPoint(q.Budget, 100.0 * successes.Count / q.Attacked));
            return new ChartSeries(q.Prior, points);
        }).ToList();
        return "<div class=\"charts\">" + new SvgLineChart
        {
            Title = "Images fooled within a number of queries",
            XLabel = "queries to the server",
            YLabel = "fooled (% of attacked images)",
            Series = series,
            Width = 720,
            Height = 320,
        }.Render() + "</div>";
    }

    /// <summary>Accuracy cost against what the attacker still gets, one series per penalty, over the λ of the sweep.</summary>
    static string TradeOffCharts(HardenReport harden)
    {
        var byPenalty = harden.Runs.GroupBy(r => r.Penalty).ToList();
        ChartSeries Series(string name, IEnumerable<HardenRun> runs, Func<AuditReport, double?> y) =>
            new(name, runs.Select(r => (r, y(r.Audit))).Where(p => p.Item2 is not null)
                .Select(p => new ChartPoint(harden.Before.Accuracy.Device - p.r.Audit.Accuracy.Device, p.Item2!.Value, Label: $"λ={p.r.Lambda}")).ToList());
        var queries = byPenalty.Select(g => Series(g.Key, g, a => HardenReport.BestPrior(a)?.MedianQueries?.Value)).ToList();
        var rates = byPenalty.Select(g => Series(g.Key, g, a => HardenReport.BestPrior(a)?.FoolingRate?.Value)).ToList();
        return "<h2>Trade-off over λ</h2><div class=\"charts\">" +
            new SvgLineChart { Title = "Queries the attacker's best prior needs", XLabel = "accuracy cost (points)", YLabel = "median queries", Series = queries }.Render() +
            new SvgLineChart { Title = "Fooling rate with the attacker's best prior", XLabel = "accuracy cost (points)", YLabel = "fooling rate (%)", Series = rates }.Render() +
            "</div>";
    }

    static string Row(string name, string value) => $"<tr><th>{Html.Encode(name)}</th><td>{Html.Encode(value)}</td></tr>";
    static string Cell(double value, string format, string unit = "") => $"<td class=\"n\">{Html.Encode(F(value, format) + unit)}</td>";
    static string EstimateCell(Estimate? e, string format, string unit = "") => e is null ? "<td class=\"na\">–</td>"
        : $"<td class=\"n\">{Html.Encode($"{F(e.Value, format)}{unit} [{F(e.Low, format)}–{F(e.High, format)}]")}</td>";
    static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
    static string Eps(double eps) => Math.Abs(eps * 255 - Math.Round(eps * 255)) < 1e-6 ? $"{Math.Round(eps * 255)}/255" : F(eps, "G4");
}
