using System.CommandLine;
using Repro.Reporting.Ledger;

namespace Repro.Cli;

/// <summary>
/// `repro ledger merge A.db B.db ... --out reports/ledger.db` (or --into): adds every row of the given run ledgers that the target does not
/// hold yet (runs, numerics, ends, failures, results, measurements, acceptances), ids remapped; merging again adds nothing.
/// What plan jobs on many machines recorded becomes one ledger, and one report.
/// </summary>
public static class LedgerCommand
{
    public static Command Create()
    {
        var into = new Option<string>("--out", "--into") { Description = "The ledger to merge into (created when absent; rows it holds already are kept)", Required = true };
        var sources = new Argument<string[]>("ledgers") { Description = "Run ledgers to merge, in order", Arity = ArgumentArity.OneOrMore };
        var merge = new Command("merge", "Merge run ledgers into one, without loss or duplication") { into, sources };
        merge.SetAction(parse =>
        {
            var files = parse.GetValue(sources)!.Select(Path.GetFullPath).ToList();
            foreach (var file in files)
                if (!File.Exists(file))
                    throw new FileNotFoundException($"ledger '{file}' does not exist{(Directory.Exists(file) ? " (it is a folder; give its ledger.db)" : "")}", file);
            var targetPath = Path.GetFullPath(parse.GetValue(into)!);
            bool created = !File.Exists(targetPath);
            var target = new RunLedger(targetPath);
            try
            {
                foreach (var file in files)
                {
                    var added = target.Merge(file);
                    Console.WriteLine($"{ShownPath.Of(file)}: added {added.Runs} run(s), {added.Finished} end(s), {added.Results} result(s), {added.Measurements} measurement(s), " +
                        $"{added.Failures} failure(s), {added.Accepted} acceptance(s)");
                }
            }
            catch
            {
                // A target this command created holds nothing the user had: a failed merge leaves none behind.
                if (created)
                {
                    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                    foreach (var path in new[] { targetPath, targetPath + "-wal", targetPath + "-shm" }) File.Delete(path);
                }
                throw;
            }
            Console.WriteLine($"merged into {ShownPath.Of(target.DatabasePath)}");
            return 0;
        });
        return new Command("ledger", "Work with run ledgers") { merge };
    }
}
