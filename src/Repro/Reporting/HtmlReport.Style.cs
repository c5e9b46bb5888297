namespace Repro.Reporting;

public static partial class HtmlReport
{
    // Inline so the page is one file; system fonts only, nothing fetched.
    private const string Css = """
        :root { --ok: #d9f2dd; --ok-ink: #17612a; --part: #fff1c9; --part-ink: #7a5400; --bad: #fbdcdc; --bad-ink: #8f1d1d;
                --none: #eceff3; --none-ink: #48525e; --scale: #e3e4fb; --scale-ink: #35378a; --line: #d0d6de; }
        body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 auto; max-width: 1500px; padding: 0 20px 40px; color: #1d232b; }
        header { border-bottom: 2px solid #1d232b; margin-bottom: 8px; }
        h1 { margin: 18px 0 2px; font-size: 24px; }
        h2 { margin-top: 34px; border-bottom: 1px solid var(--line); padding-bottom: 4px; font-size: 19px; }
        h3 { font-size: 16px; margin: 20px 0 8px; }
        h4 { font-size: 14px; margin: 14px 0 6px; }
        .paper-title { margin: 0; font-style: italic; }
        .meta, .experiment-name { color: #5a6573; margin: 4px 0 10px; }
        nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 14px; }
        table { border-collapse: collapse; margin: 6px 0 12px; }
        th, td { border: 1px solid var(--line); padding: 3px 7px; vertical-align: top; }
        thead th { background: #f3f5f8; font-weight: 600; }
        .table-wrap { overflow: auto; max-height: 85vh; max-width: 100%; }
        .table-wrap thead th { position: sticky; top: 0; z-index: 2; }
        .table-wrap thead tr + tr th { top: 1.9em; }
        .table-wrap td.label { position: sticky; left: 0; background: #fff; z-index: 1; }
        details.unmeasured-group > summary { color: var(--none-ink); }
        details.uncertainty > summary { color: #5a6573; font-size: 13px; }
        @media (max-width: 600px) { body { padding: 0 8px 24px; } table.findings th[scope=row] { min-width: 160px; } table.findings td { min-width: 180px; } }
        table.deviations, table.choices { table-layout: fixed; width: 100%; }
        table.deviations td, table.choices td { overflow-wrap: anywhere; }
        table.deviations th:nth-child(1), table.choices th:nth-child(1) { width: 15%; }
        table.deviations th:nth-child(2), table.deviations th:nth-child(3) { width: 18%; }
        table.choices th:nth-child(2), table.choices th:nth-child(3) { width: 25%; }
        .paper-table td.paper, .paper-table td.measured, .paper-table td.delta { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
        .paper-table td.paper { background: #fafbfc; }
        .paper-table th.sub { font-weight: 400; font-size: 12px; color: #5a6573; }
        .paper-table th.group { text-align: left; background: #f7f8fa; font-weight: 600; }
        td.measured.in { color: var(--ok-ink); }
        td.measured.out { color: var(--bad-ink); font-weight: 600; }
        td.delta { color: #5a6573; font-size: 12px; }
        td.verdict { white-space: nowrap; font-weight: 600; }
        td.verdict .reason { font-weight: 400; font-size: 12px; white-space: normal; max-width: 280px; }
        .v-reproduced { background: var(--ok); color: var(--ok-ink); }
        .v-partly { background: var(--part); color: var(--part-ink); }
        .v-not-reproduced { background: var(--bad); color: var(--bad-ink); }
        .v-not-measured, .v-not-run { background: var(--none); color: var(--none-ink); }
        .v-not-at-scale { background: var(--scale); color: var(--scale-ink); }
        .v-inconclusive { background: var(--part); color: var(--part-ink); }
        p.uncertainty { color: #5a6573; font-size: 13px; margin: 2px 0 8px; }
        .v-failed { background: var(--bad); color: var(--bad-ink); font-weight: 600; }
        .failures { border-left: 4px solid var(--bad-ink); background: var(--bad); padding: 4px 12px; margin: 8px 0 14px; }
        .profile-block.failed { border-left: 4px solid var(--bad-ink); padding-left: 10px; }
        pre.error { white-space: pre-wrap; overflow-wrap: anywhere; background: #fff7f7; border: 1px solid var(--line); padding: 6px 10px; max-height: 320px; overflow: auto; }
        .not-measurable, .not-run, .warning, .empty, .stand-in { color: #5a6573; }
        .not-measurable, .stand-in { background: var(--none); padding: 6px 10px; border-left: 4px solid #8a96a6; }
        .warning { border-left: 4px solid #d5a300; padding: 4px 10px; }
        .profile-block { margin-left: 4px; }
        details { margin: 8px 0; }
        details > summary { cursor: pointer; color: #24527a; }
        table.kv th { text-align: left; background: #f7f8fa; font-weight: 600; }
        code { font: 12px ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; overflow-wrap: anywhere; }
        .figures { display: flex; flex-wrap: wrap; gap: 16px; }
        figure.chart-figure { margin: 6px 0; max-width: 100%; }
        figure.chart-figure svg.chart { max-width: 100%; height: auto; }
        .chart-missing-panel { box-sizing: border-box; width: 560px; max-width: 100%; min-height: 120px; padding: 14px 16px; border: 1px dashed #8a94a3; background: #f7f8fa; color: #2b333d; }
        .chart-missing-panel p { margin: 6px 0 0; }
        figcaption { font-size: 12px; color: #5a6573; max-width: 560px; }
        svg.chart { background: #fff; border: 1px solid var(--line); }
        svg.chart .grid { stroke: #e6e9ee; stroke-width: 1; }
        svg.chart .axis { stroke: #1d232b; stroke-width: 1.2; }
        svg.chart .tick, svg.chart .legend, svg.chart .point-label { font-size: 11px; fill: #1d232b; }
        svg.chart .legend-note { fill: #5a6573; }
        svg.chart .axis-label { font-size: 12px; fill: #1d232b; }
        svg.chart .chart-title { font-size: 13px; font-weight: 600; fill: #1d232b; }
        svg.chart .line { stroke-width: 2; }
        svg.chart .fit { stroke-width: 1.5; stroke-dasharray: 5 3; }
        svg.chart .error-bar { stroke-width: 1.2; }
        svg.spark { vertical-align: middle; }
        svg.spark polyline { stroke: #24527a; stroke-width: 1.4; }
        svg.spark circle { fill: #24527a; }
        .trend-metric { font-size: 11px; color: #5a6573; margin-left: 4px; }
        table.findings { min-width: 100%; }
        table.findings th[scope=row] { text-align: left; font-weight: 400; background: #fafbfc; width: 34%; min-width: 260px; }
        table.findings td { min-width: 220px; font-size: 13px; }
        table.findings p { margin: 2px 0 6px; }
        p.finding { font-weight: 600; font-size: 14px; }
        p.paper-quote, p.paper-numbers, p.basis { color: #5a6573; font-size: 12px; }
        p.verdict { font-weight: 700; font-size: 14px; }
        .pending { background: var(--scale); color: var(--scale-ink); padding: 6px 10px; border-left: 4px solid var(--scale-ink); }
        footer { margin-top: 40px; color: #5a6573; font-size: 12px; border-top: 1px solid var(--line); }
        """;
}
