using System.CommandLine;
using System.CommandLine.Parsing;

namespace Repro.Cli;

/// <summary>
/// A command line as the ledger, the report and the committed baselines record it: the value of an option that names a
/// file or folder is written relative to the repository when it lies inside it, else as the option's placeholder
/// ("--cache &lt;cache&gt;"), so no absolute path of the measuring machine is kept anywhere.
/// </summary>
public static class CommandText
{
    /// <summary>Options whose value is a path of this machine.</summary>
    static readonly HashSet<string> PathOptions = new(StringComparer.Ordinal)
    {
        "--cache", "--data", "--reports", "--baselines", "--out", "--timing", "--plan", "--model", "--server-model",
        "--on-device", "--api-keys", "--api-key-file", "--check", "--ledger", "--into",
    };

    public static string Of(ParseResult parse) => Of(parse.Tokens.Select(t => t.Value).ToList(), Harness.RepositoryPaths.FindRoot(Directory.GetCurrentDirectory()));

    public static string Of(IReadOnlyList<string> tokens, string? repositoryRoot)
    {
        var words = new List<string> { "repro" };
        string? pathOption = null;
        foreach (var token in tokens)
        {
            if (pathOption is not null && !token.StartsWith("--", StringComparison.Ordinal))
            {
                words.Add(Redact(token, pathOption, repositoryRoot));
                continue;
            }
            int equals = token.IndexOf('=');
            if (token.StartsWith("--", StringComparison.Ordinal) && equals > 0 && PathOptions.Contains(token[..equals]))
            {
                words.Add($"{token[..equals]}={Redact(token[(equals + 1)..], token[..equals], repositoryRoot)}");
                pathOption = null;
                continue;
            }
            pathOption = PathOptions.Contains(token) ? token : null;
            words.Add(token);
        }
        return string.Join(" ", words);
    }

    static string Redact(string value, string option, string? root)
    {
        if (value.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("https://", StringComparison.OrdinalIgnoreCase)) return value;
        var full = Path.GetFullPath(value);
        if (root is not null)
        {
            var relative = Path.GetRelativePath(root, full);
            if (!relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative)) return relative;
        }
        return $"<{option.TrimStart('-')}>";
    }
}
