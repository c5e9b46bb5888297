using Repro.Storage;

namespace Repro.Reporting.Snapshots;

/// <summary>
/// Checks a result against <c>&lt;Experiment&gt;.verified.json</c> (STYLE.md P8). On a mismatch, or when
/// there is no verified file yet, it writes <c>&lt;Experiment&gt;.received.json</c> beside it and returns a
/// failure whose message is the cell-by-cell diff and the accept command. On a match it removes a stale
/// received file. It never writes the verified file: only <see cref="SnapshotAcceptance"/> does.
/// </summary>
public sealed class SnapshotVerifier(string baselinesRoot)
{
    private readonly SnapshotFiles files = new(baselinesRoot);

    public SnapshotCheck Check(ExperimentResult result)
    {
        string verifiedPath = files.VerifiedPath(result.Experiment, result.Profile);
        string receivedPath = files.ReceivedPath(result.Experiment, result.Profile);
        string accept = SnapshotFiles.AcceptCommand(result.Experiment, result.Profile);

        if (!File.Exists(verifiedPath))
        {
            AtomicFile.WriteAllText(receivedPath, VerifiedSnapshot.FromResult(result, spread: SeedSpread.For(files.Root, result.Profile)).ToJson());
            return new SnapshotCheck(false,
                $"{result.Experiment} ({result.PaperReference}), profile '{result.Profile}': no verified snapshot yet: " +
                $"review {receivedPath} and accept it with `{accept}`.",
                verifiedPath, receivedPath, null);
        }

        var verified = VerifiedSnapshot.Load(verifiedPath);
        var comparison = TableComparison.Compare(result, verified);
        if (comparison.Matches)
        {
            // A match whose bands the seed spread would now draw differently (a spread measured after the acceptance)
            // still passes, and leaves a received file with the new bands for review.
            if (SeedSpread.For(files.Root, result.Profile) is { } spread
                && VerifiedSnapshot.FromResult(result, keep: verified, spread: spread) is var rebanded
                && !rebanded.SameBands(verified))
            {
                AtomicFile.WriteAllText(receivedPath, rebanded.ToJson());
                return new SnapshotCheck(true,
                    comparison.Describe() + $"\nThe seed spread ({SeedSpread.FileName}) gives this snapshot new bands: review {receivedPath} " +
                    $"and accept it with `{accept}`.", verifiedPath, receivedPath, comparison);
            }
            if (File.Exists(receivedPath)) File.Delete(receivedPath);
            return new SnapshotCheck(true, comparison.Describe(), verifiedPath, null, comparison);
        }

        AtomicFile.WriteAllText(receivedPath, VerifiedSnapshot.FromResult(result, keep: verified, spread: SeedSpread.For(files.Root, result.Profile)).ToJson());
        return new SnapshotCheck(false,
            comparison.Describe() + $"\nVerified: {verifiedPath}\nReceived: {receivedPath}\n" +
            $"If the change is intended, review the received file and accept it with `{accept}`.",
            verifiedPath, receivedPath, comparison);
    }
}
