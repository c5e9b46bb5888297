using ArchUnitNET.Domain;
using ArchUnitNET.Fluent;
using ArchUnitNET.Loader;
using ArchUnitNET.NUnit;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace Repro.Unit;

/// <summary>
/// The data flow as a rule (DESIGN.md §2): folders are layers, and a layer may use only the layers below it. Leaves
/// (data, models, training, mechanisms, attacks, metrics, defense) know nothing of profiles, experiments or reports;
/// the harness composes them; the paper's tables sit on the harness; the CLI on top. No two top-level folders
/// depend on each other (sub-folders of one folder are one layer).
/// </summary>
public class ArchitectureTests
{
    static readonly Architecture Repro = new ArchLoader().LoadAssemblies(typeof(global::Repro.Models.Classifier).Assembly).Build();

    /// <summary>Bottom to top; folders on one line are peers (neither may use the other unless listed lower).</summary>
    static readonly string[][] Layers =
    {
        new[] { "Runtime", "Storage", "Recipes", "Catalogs", "Progress", "Failures" },
        new[] { "Data" },
        new[] { "Models" },
        new[] { "Training" },
        new[] { "Mechanisms", "Attacks" },
        new[] { "Metrics" },
        // The remote endpoint: the protocol's server (any Classifier) and the remote oracle the attacks query.
        new[] { "Remote" },
        new[] { "Defense" },
        new[] { "Profiles" },
        new[] { "Reporting" },
        new[] { "Claims", "Audit" },
        new[] { "Harness" },
        new[] { "Paper" },
        new[] { "Cli" },
    };

    static IObjectProvider<IType> Folders(IEnumerable<string> folders) =>
        Types().That().ResideInNamespaceMatching($@"^Repro\.({string.Join("|", folders)})(\..*)?$").As(string.Join(", ", folders));

    static IEnumerable<TestCaseData> LayerCases() =>
        Layers.Select((layer, i) => new TestCaseData(i).SetName($"Layer_{string.Join("_", layer)}_UsesOnlyLayersBelow"));

    [TestCaseSource(nameof(LayerCases))]
    public void Layer_UsesOnlyLayersBelow(int index)
    {
        var above = Layers.Skip(index + 1).SelectMany(l => l).ToList();
        if (above.Count == 0) return;
        IArchRule rule = Types().That().Are(Folders(Layers[index])).Should().NotDependOnAny(Folders(above));
        rule.Check(Repro);
    }

    [Test]
    public void Peers_DoNotUseEachOther()
    {
        foreach (var layer in Layers.Where(l => l.Length > 1))
            foreach (var folder in layer)
            {
                // The infrastructure folders may build on each other (Failures reads Storage's disk-full check).
                if (layer == Layers[0]) continue;
                Types().That().Are(Folders(new[] { folder })).Should().NotDependOnAny(Folders(layer.Where(f => f != folder))).Check(Repro);
            }
    }

    [Test]
    public void TopLevelFolders_FormNoCycle()
    {
        // Sub-folders of one folder are one layer (Reporting.Ledger and Reporting use each other); between folders, none.
        static string? Folder(IType t) => t.Namespace?.FullName is { } ns && ns.StartsWith("Repro.", StringComparison.Ordinal) ? ns.Split('.')[1] : null;
        var edges = Repro.Types
            .SelectMany(t => t.Dependencies.Select(d => (From: Folder(t), To: Folder(d.Target))))
            .Where(e => e.From is not null && e.To is not null && e.From != e.To)
            .Select(e => (e.From!, e.To!)).Distinct().ToLookup(e => e.Item1, e => e.Item2);
        var cycles = new List<string>();
        foreach (var start in edges.Select(g => g.Key))
        {
            var seen = new HashSet<string>();
            var stack = new Stack<(string Node, string Path)>(new[] { (start, start) });
            while (stack.Count > 0)
            {
                var (node, path) = stack.Pop();
                foreach (var next in edges[node])
                {
                    if (next == start) cycles.Add($"{path} -> {start}");
                    else if (seen.Add(next)) stack.Push((next, $"{path} -> {next}"));
                }
            }
        }
        cycles.Should().BeEmpty();
    }
}
