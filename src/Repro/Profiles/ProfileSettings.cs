using System.Collections;
using System.Globalization;
using System.Reflection;
using Repro.Models;

namespace Repro.Profiles;

/// <summary>
/// Flattens a profile's settings into "Section.Setting = value" pairs by reflection, so that the
/// report, the recipe hashes and the deviation self-check all see the same list and a new setting
/// cannot be forgotten in any of them.
/// </summary>
public static class ProfileSettings
{
    static readonly HashSet<string> NotSettings = new() { nameof(Profile.Name), nameof(Profile.Summary), nameof(Profile.RequiresGpu), nameof(Profile.Deviations), nameof(Profile.Choices) };

    public static IReadOnlyList<KeyValuePair<string, string>> Flatten(Profile profile)
    {
        var result = new List<KeyValuePair<string, string>>();
        foreach (var property in typeof(Profile).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (NotSettings.Contains(property.Name) || property.GetIndexParameters().Length > 0) continue;
            Add(result, property.Name, property.GetValue(profile));
        }
        return result;
    }

    static void Add(List<KeyValuePair<string, string>> result, string path, object? value)
    {
        switch (value)
        {
            case null:
                result.Add(new(path, "null"));
                break;
            case ArchitectureSpec spec:
                result.Add(new(path, spec.Describe()));
                break;
            case string s:
                result.Add(new(path, s));
                break;
            case double d:
                result.Add(new(path, d.ToString("R", CultureInfo.InvariantCulture)));
                break;
            case float f:
                result.Add(new(path, f.ToString("R", CultureInfo.InvariantCulture)));
                break;
            case IFormattable formattable when value.GetType().IsPrimitive || value is Enum || value is decimal:
                result.Add(new(path, formattable.ToString(null, CultureInfo.InvariantCulture)));
                break;
            case bool b:
                result.Add(new(path, b ? "true" : "false"));
                break;
            case IEnumerable sequence:
                result.Add(new(path, "[" + string.Join(", ", sequence.Cast<object?>().Select(o => Convert.ToString(o, CultureInfo.InvariantCulture))) + "]"));
                break;
            default:
                var type = value.GetType();
                foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                {
                    if (property.GetIndexParameters().Length > 0 || property.Name == "EqualityContract") continue;
                    Add(result, $"{path}.{property.Name}", property.GetValue(value));
                }
                break;
        }
    }

    /// <summary>Settings whose values differ between two profiles (for the deviation self-check and the report).</summary>
    public static IReadOnlyList<(string Setting, string Paper, string Ours)> Differences(Profile paper, Profile ours)
    {
        var mine = ours.Settings().ToDictionary(kv => kv.Key, kv => kv.Value);
        return paper.Settings()
            .Where(kv => mine.TryGetValue(kv.Key, out var v) && v != kv.Value)
            .Select(kv => (kv.Key, kv.Value, mine[kv.Key]))
            .ToList();
    }
}
