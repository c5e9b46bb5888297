using System.Collections;
using Repro.Models;

namespace Repro.Profiles;

/// <summary>
/// Every architecture some profile names, found by walking the profiles (the cache's models and a user's Repro-format
/// weights are built from these): how a spec string such as "ResNet(basic;1-1-1;w16;stem2)" becomes a network again.
/// </summary>
public static class KnownArchitectures
{
    static readonly Lazy<IReadOnlyList<ArchitectureSpec>> all = new(Find);

    /// <summary>Each architecture once, by its <see cref="ArchitectureSpec.Describe"/> text, in profile order.</summary>
    public static IReadOnlyList<ArchitectureSpec> All => all.Value;

    /// <summary>The architecture <paramref name="described"/> names, or null when no profile of this build names it.</summary>
    public static ArchitectureSpec? Named(string described) => All.FirstOrDefault(a => a.Describe() == described);

    static IReadOnlyList<ArchitectureSpec> Find()
    {
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var found = new List<ArchitectureSpec>();
        void Walk(object? value, int depth)
        {
            if (value is null || depth > 4 || value is string || value.GetType().IsPrimitive || !seen.Add(value)) return;
            if (value is ArchitectureSpec spec) { found.Add(spec); return; }
            if (value is IEnumerable items) { foreach (var item in items) Walk(item, depth + 1); return; }
            if (value.GetType().Namespace?.StartsWith("Repro", StringComparison.Ordinal) != true) return;
            foreach (var property in value.GetType().GetProperties().Where(p => p.GetIndexParameters().Length == 0))
                Walk(property.GetValue(value), depth + 1);
        }
        foreach (var profile in ProfileCatalog.All) Walk(profile, 0);
        // A supernet's sub-networks are extracted by config, not named in a profile: each supernet with each of the 27 uniform configs.
        found.AddRange(found.OfType<Models.OnceForAll.OfaSpec>().ToList()
            .SelectMany(ofa => Models.OnceForAll.OfaSubnetConfig.All().Select(c => new Models.OnceForAll.OfaSubnetSpec(ofa, c))));
        return found.GroupBy(a => a.Describe()).Select(g => g.First()).ToList();
    }
}
