using System.Security.Cryptography;
using System.Text;

namespace Repro.Harness.Artifacts;

/// <summary>
/// Content address of an artifact: its kind and the first 16 hex digits of SHA-256 over the recipe's
/// canonical text and the code version of the recipe's kind (bumped when an algorithm changes, so
/// that a fixed bug never serves stale results).
/// </summary>
public sealed record ArtifactKey(string Kind, string Hash)
{
    public static ArtifactKey For(IRecipe recipe)
    {
        if (string.IsNullOrWhiteSpace(recipe.Kind) || recipe.Kind.Any(c => !(char.IsAsciiLetterOrDigit(c) || c == '-')))
            throw new ArgumentException($"recipe kind '{recipe.Kind}' must be non-empty ASCII letters, digits and dashes");
        var text = $"kind={recipe.Kind}\ncode={CodeVersions.Of(recipe.Kind)}\n{recipe.Canonical()}";
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return new ArtifactKey(recipe.Kind, Convert.ToHexStringLower(digest)[..16]);
    }

    public static ArtifactKey Parse(string text)
    {
        int dash = text.LastIndexOf('-');
        if (dash <= 0 || text.Length - dash - 1 != 16 || !text[(dash + 1)..].All(Uri.IsHexDigit))
            throw new FormatException($"'{text}' is not an artifact key (expected <kind>-<16 hex digits>)");
        return new ArtifactKey(text[..dash], text[(dash + 1)..]);
    }

    public override string ToString() => $"{Kind}-{Hash}";
}
