namespace Repro.Remote;

/// <summary>
/// The API keys `repro serve --api-keys FILE` accepts: one per line as "NAME KEY" (the name the query limit counts under)
/// or "KEY" alone (counted under "key-" and its first 6 characters); blank lines and lines starting with # are skipped.
/// </summary>
public static class ApiKeyFile
{
    /// <summary>Keys of at least 16 characters of letters, digits and - _ . ~ + / =: long enough not to be guessed, and safe in a header.</summary>
    public const int MinimumLength = 16;

    public static IReadOnlyDictionary<string, string> Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"--api-keys '{path}' does not exist; expected a file of API keys, one per line");
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        int number = 0;
        foreach (var raw in File.ReadLines(path))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length > 2) throw new InvalidDataException($"--api-keys '{path}' line {number}: expected 'NAME KEY' or 'KEY', got {parts.Length} words");
            string key = parts[^1], name = parts.Length == 2 ? parts[0] : $"key-{key[..Math.Min(6, key.Length)]}";
            if (key.Length < MinimumLength || key.Any(c => !(char.IsAsciiLetterOrDigit(c) || "-_.~+/=".Contains(c))))
                throw new InvalidDataException($"--api-keys '{path}' line {number}: a key must be at least {MinimumLength} characters of letters, digits and - _ . ~ + / =");
            if (!keys.TryAdd(key, name)) throw new InvalidDataException($"--api-keys '{path}' line {number}: the key of '{name}' is listed twice");
        }
        if (keys.Count == 0) throw new InvalidDataException($"--api-keys '{path}' holds no key; expected one per line as 'NAME KEY'");
        return keys;
    }
}
