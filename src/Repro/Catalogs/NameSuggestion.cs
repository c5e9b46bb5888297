namespace Repro.Catalogs;

/// <summary>"Did you mean ...?" for unknown profile, experiment, mechanism or attack names (STYLE.md P5).</summary>
public static class NameSuggestion
{
    public static string Closest(string name, IEnumerable<string> known) =>
        known.OrderBy(k => Distance(k.ToLowerInvariant(), name.ToLowerInvariant())).FirstOrDefault() ?? "";

    /// <summary>Levenshtein edit distance.</summary>
    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
