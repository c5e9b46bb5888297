using System.Globalization;

namespace Repro.Recipes;

/// <summary>
/// The one way a setting becomes recipe text (what artifact keys hash): numbers in the invariant culture and their
/// shortest round-trip form, so that a key does not change with the machine's locale (a German locale would print
/// 0,05) and two settings that differ in the last bit never share a key.
/// </summary>
public static class CanonicalText
{
    /// <summary>"0.05", "1E-05", "4": round-trip and culture-invariant.</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Number(float value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Flag(bool value) => value ? "1" : "0";
}
