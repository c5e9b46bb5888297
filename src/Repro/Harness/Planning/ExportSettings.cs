namespace Repro.Harness.Planning;

/// <summary>
/// Where the exported jobs find what they share and how they start `repro`: the shared folder (cache, reports and, for
/// Kubernetes and Actions, the plan), the command that runs `repro` on a node, the GPU runners' labels, the container image,
/// and how many jobs of a level may run at once.
/// </summary>
public sealed record ExportSettings
{
    /// <summary>A folder every node mounts at the same path: cache/ (the artifact cache), reports/ (ledgers, report), plan.json.</summary>
    public string Shared { get; init; } = "/shared/repro";

    /// <summary>How a Slurm or Actions job runs repro from a checkout built at the plan's commit.</summary>
    public string Repro { get; init; } = "dotnet src/Repro/bin/Release/net10.0/repro.dll";

    /// <summary>How a Kubernetes container runs repro (the image's entry).</summary>
    public string ImageRepro { get; init; } = "dotnet /app/repro.dll";

    public IReadOnlyList<string> RunnerLabels { get; init; } = new[] { "self-hosted", "linux", "gpu" };

    public string Image { get; init; } = "";

    public int MaxParallel { get; init; } = 16;

    /// <summary>
    /// Refuses a value the exporters would paste into a shell line, YAML or a workflow where it could mean more than
    /// itself (quotes, $, backticks, ;, spaces, newlines...): each must be a plain path, image reference or label.
    /// </summary>
    public ExportSettings Validated()
    {
        Check("--shared", Shared, SafePath, "an absolute path of letters, digits and . _ - + / (no spaces, quotes or shell characters)");
        if (!Shared.StartsWith('/')) throw new ArgumentException($"--shared '{Shared}' is not an absolute path; every node must mount the shared folder at the same absolute path");
        if (Image.Length > 0) Check("--image", Image, SafeImage, "a container image reference of letters, digits and . _ - / : @");
        foreach (var label in RunnerLabels) Check("--runner-labels", label, SafeLabel, "labels of letters, digits and . _ -, comma separated");
        if (RunnerLabels.Count == 0) throw new ArgumentException("--runner-labels names no label; expected labels of letters, digits and . _ -, comma separated");
        return this;
    }

    static void Check(string option, string value, System.Text.RegularExpressions.Regex allowed, string expected)
    {
        if (!allowed.IsMatch(value))
            throw new ArgumentException($"{option} '{Printable(value)}' cannot be written into the scheduler files safely; expected {expected}");
    }

    static string Printable(string value) => new(value.Select(c => char.IsControl(c) ? '?' : c).ToArray());

    static readonly System.Text.RegularExpressions.Regex SafePath = new(@"^[A-Za-z0-9._/+-]+$");
    static readonly System.Text.RegularExpressions.Regex SafeImage = new(@"^[A-Za-z0-9._/:@-]+$");
    static readonly System.Text.RegularExpressions.Regex SafeLabel = new(@"^[A-Za-z0-9._-]+$");
}
