using Repro.Catalogs;
namespace Repro.Profiles;

/// <summary>The profiles Repro knows, by name; an unknown name gets a suggestion (STYLE.md P5).</summary>
public static class ProfileCatalog
{
    public static IReadOnlyList<Profile> All { get; } = new[]
    {
        PaperProfile.Create(),
        FastProfile.Create(),
        MiniProfile.Create(),
        MiniFullProfile.Create(),
        SmokeProfile.Create(),
    }.Concat(ScaleStudyProfiles.All).ToList();

    /// <summary>The profile of that name, or null.</summary>
    public static Profile? TryGet(string name) => All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    public static Profile Get(string name)
    {
        var match = All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
        if (match is not null) return match;
        var names = All.Select(p => p.Name).ToList();
        throw new ArgumentException(
            $"unknown profile '{name}'; did you mean '{NameSuggestion.Closest(name, names)}'? Known profiles: {string.Join(", ", names)}");
    }
}
