using System.Text.RegularExpressions;

namespace Repro.Reporting.Snapshots;

/// <summary>
/// Where snapshots live: <c>&lt;root&gt;/&lt;profile&gt;/&lt;Experiment&gt;.verified.json</c> and, beside it after a
/// mismatch, <c>.received.json</c> (git-ignored). The root is the repository's <c>baselines</c> folder.
/// Names become path segments, so they are checked to be plain names.
/// </summary>
public sealed partial class SnapshotFiles
{
    public SnapshotFiles(string baselinesRoot)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(baselinesRoot);
        Root = Path.GetFullPath(baselinesRoot);
    }

    public string Root { get; }

    public string VerifiedPath(string experiment, string profile) => Path.Combine(Folder(profile), Name(experiment, "experiment") + ".verified.json");

    public string ReceivedPath(string experiment, string profile) => Path.Combine(Folder(profile), Name(experiment, "experiment") + ".received.json");

    /// <summary>The command that accepts a received snapshot; quoted in every failure message.</summary>
    public static string AcceptCommand(string experiment, string profile) => $"repro accept {experiment} --profile {profile}";

    private string Folder(string profile) => Path.Combine(Root, Name(profile, "profile"));

    private static string Name(string name, string what)
    {
        if (!PlainName().IsMatch(name) || name is "." or "..")
            throw new ArgumentException($"{what} name '{name}' cannot name a snapshot file; expected letters, digits, '_', '-' or '.'");
        return name;
    }

    [GeneratedRegex("^[A-Za-z0-9_.-]+$")]
    private static partial Regex PlainName();
}
