using System.Text.Json;
using Repro.Harness;

namespace Repro.ClaimTests;

/// <summary>
/// What the audit claims share: the exported mini pair, one checkpoint root for the test host (the no-prior RGF stages are
/// keyed by server, data and settings only, so the second audit of the same server reuses the first one's, about a
/// minute), and the accepted mini snapshots with their bands.
/// </summary>
static class AuditClaimData
{
    static readonly Lazy<string> Root = new(() => Directory.CreateTempSubdirectory("repro-audit-claims-").FullName);

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "ForeignModels", name);

    public static string CheckpointRoot => Root.Value;

    /// <summary>Deletes the checkpoint root when the test host is done.</summary>
    public static void Clean()
    {
        if (Root.IsValueCreated && Directory.Exists(Root.Value)) Directory.Delete(Root.Value, recursive: true);
    }

    /// <summary>Each row of baselines/mini/&lt;experiment&gt;.verified.json: metric to (mean, band).</summary>
    public static Dictionary<string, Dictionary<string, (double Mean, double Band)>> Snapshot(string experiment)
    {
        var path = Path.Combine(RepositoryPaths.Discover(AppContext.BaseDirectory).Baselines, "mini", experiment + ".verified.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("rows").EnumerateArray().ToDictionary(
            row => row.GetProperty("id").GetString()!,
            row => row.GetProperty("metrics").ValueKind == JsonValueKind.Object
                ? row.GetProperty("metrics").EnumerateObject().ToDictionary(m => m.Name, m => (m.Value.GetProperty("mean").GetDouble(), m.Value.GetProperty("band").GetDouble()))
                : new Dictionary<string, (double, double)>());
    }
}
