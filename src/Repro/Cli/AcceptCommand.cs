using System.CommandLine;
using Repro.Reporting.Ledger;
using Repro.Reporting.Snapshots;
using Repro.Paper;

namespace Repro.Cli;

/// <summary>
/// `repro accept &lt;experiment&gt; --profile p`: after review, turns the received snapshot into the verified one
/// (the only way a baseline changes) and marks the newest ledger result of that experiment as accepted.
/// </summary>
public static class AcceptCommand
{
    public static Command Create()
    {
        var experiment = new Argument<string>("experiment") { Description = "Experiment name, e.g. Table01_OnDevicePriors" };
        var profile = CommonOptions.Profile();
        var reports = CommonOptions.Reports();
        var baselines = CommonOptions.Baselines();
        var command = new Command("accept", "Accept a reviewed received snapshot as the verified baseline") { experiment, profile, reports, baselines };
        command.SetAction(parse =>
        {
            var name = ExperimentCatalog.Get(parse.GetValue(experiment)!).Name;
            var profileName = parse.GetValue(profile)!;
            var paths = CommonOptions.Paths(parse, baselines, reports);
            var verified = new SnapshotAcceptance(paths.Baselines).Accept(name, profileName);
            Console.WriteLine($"accepted: {verified}");
            if (File.Exists(paths.Ledger))
            {
                var ledger = new RunLedger(paths.Ledger);
                if (ledger.LatestResult(name, profileName) is { } latest)
                {
                    ledger.Accept(latest.ResultId, DateTimeOffset.UtcNow, $"accepted {Path.GetFileName(verified)}");
                    Console.WriteLine($"ledger: result {latest.ResultId} of run {latest.RunId} marked accepted");
                }
            }
            return 0;
        });
        return command;
    }
}
