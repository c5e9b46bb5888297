using Repro.Reporting;
using Repro.Reporting.Ledger;

namespace Repro.Harness;

/// <summary>Rebuilds reports/index.html from the ledger and the paper baselines: no training, seconds. Removes temporary files that killed writers left in the reports folder.</summary>
public static class ReportWriter
{
    public static string Write(RepositoryPaths paths, RunLedger? ledger = null)
    {
        var baselines = Directory.Exists(paths.PaperBaselines)
            ? PaperBaseline.LoadAll(paths.PaperBaselines)
            : throw new DirectoryNotFoundException($"paper baselines folder '{paths.PaperBaselines}' does not exist; run from the repository or pass --baselines");
        var owned = ledger is null ? new RunLedger(paths.Ledger) : null;
        var model = ReportModel.FromLedger(ledger ?? owned!, baselines, DateTimeOffset.UtcNow);
        // What a killed writer left here (a half-written page, results or ledger, under a temporary name) goes.
        Storage.AtomicFile.SweepStale(paths.Reports);
        HtmlReport.Write(paths.Html, model);
        return paths.Html;
    }
}
