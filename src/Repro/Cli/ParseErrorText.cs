using System.Text.RegularExpressions;

namespace Repro.Cli;

/// <summary>
/// The command-line parser's errors in the words of the rest of the CLI: an option value it cannot convert names the
/// option, the value and what was expected, never a .NET type name ("System.Nullable`1[System.Int32]").
/// </summary>
public static partial class ParseErrorText
{
    [GeneratedRegex(@"^Cannot parse argument '(?<value>.*)' for (?:option|command|argument) '(?<option>[^']*)' as expected type '(?<type>[^']*)'\.?$", RegexOptions.Singleline)]
    private static partial Regex CannotParse();

    /// <summary>One line for one parser error.</summary>
    public static string Friendly(string parserMessage)
    {
        if (CannotParse().Match(parserMessage) is not { Success: true } m) return parserMessage;
        string type = m.Groups["type"].Value;
        string expected = Expected(type.Contains("Nullable`1[", StringComparison.Ordinal) ? type[(type.IndexOf('[') + 1)..].TrimEnd(']') : type);
        return $"{m.Groups["option"].Value} '{m.Groups["value"].Value}' is not {expected}";
    }

    static string Expected(string type) => type switch
    {
        "System.Int32" => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"a whole number (up to {int.MaxValue:N0})"),
        "System.Int64" => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"a whole number (up to {long.MaxValue:N0})"),
        "System.Double" or "System.Single" => "a number (as 0.5 or 1e-3)",
        "System.Boolean" => "true or false",
        _ when type.StartsWith("System.IO.", StringComparison.Ordinal) => "a path",
        _ => $"a value of the expected kind ({type[(type.LastIndexOf('.') + 1)..]})",
    };
}
