using Repro.Storage;

namespace Repro.Reporting.Snapshots;

/// <summary>
/// The only way a measurement becomes the verified snapshot (STYLE.md P8): the received file is checked
/// to be a readable snapshot of the named experiment and profile, then renamed over the verified file in
/// one step. The CLI's <c>repro accept &lt;Experiment&gt; --profile &lt;p&gt;</c> calls this.
/// </summary>
public sealed class SnapshotAcceptance(string baselinesRoot)
{
    private readonly SnapshotFiles files = new(baselinesRoot);

    /// <returns>The path of the verified file now holding the accepted values.</returns>
    public string Accept(string experiment, string profile)
    {
        string received = files.ReceivedPath(experiment, profile);
        string verified = files.VerifiedPath(experiment, profile);
        if (!File.Exists(received))
            throw new FileNotFoundException(
                $"nothing to accept for {experiment} at profile '{profile}': {received} does not exist. " +
                "A received file is written when a run differs from (or has no) verified snapshot.", received);

        var snapshot = VerifiedSnapshot.Load(received);
        if (snapshot.Experiment != experiment || snapshot.Profile != profile)
            throw new InvalidDataException(
                $"{received} holds {snapshot.Experiment} at profile '{snapshot.Profile}', not {experiment} at '{profile}'; refusing to accept it.");

        AtomicFile.Replace(received, verified);
        return verified;
    }
}
