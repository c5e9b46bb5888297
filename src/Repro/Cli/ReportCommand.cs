using System.CommandLine;
using System.Diagnostics;
using Repro.Harness;
using Repro.Paper;

namespace Repro.Cli;

/// <summary>`repro report`: rebuilds reports/index.html from the run ledger, without training or measuring anything.</summary>
public static class ReportCommand
{
    public static Command Create()
    {
        var reports = CommonOptions.Reports();
        var baselines = CommonOptions.Baselines();
        var command = new Command("report", "Rebuild reports/index.html from the run ledger (seconds, no training)") { reports, baselines };
        command.SetAction(parse =>
        {
            var clock = Stopwatch.StartNew();
            var paths = CommonOptions.Paths(parse, baselines, reports);
            bool measured = File.Exists(paths.Ledger);
            ReportWriter.Write(paths, null, ExperimentCatalog.All, HeadlineFindings.All);
            var html = paths.Html;
            Console.WriteLine($"report: {html} ({clock.Elapsed.TotalSeconds:F1} s)");
            if (!measured) Console.Error.WriteLine($"note: there was no ledger at {paths.Ledger} yet; the report lists the paper's tables with nothing measured.");
            return 0;
        });
        return command;
    }
}
