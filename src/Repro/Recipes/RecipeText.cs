using System.Globalization;
using System.Reflection;

namespace Repro.Recipes;

/// <summary>
/// The one canonicaliser of settings records for recipe text (what artifact keys hash): every public property in
/// declaration order as "Name=value", joined by ";", culture-invariant, leaving out properties marked
/// <see cref="NotInRecipeAttribute"/>. Numbers print in their shortest round-trip form (<see cref="CanonicalText"/>).
/// </summary>
public static class RecipeText
{
    public static string Settings(object settings) =>
        string.Join(";", settings.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.Name != "EqualityContract" && p.GetIndexParameters().Length == 0 && p.GetCustomAttribute<NotInRecipeAttribute>() is null)
            .Select(p => $"{p.Name}={Value(p.GetValue(settings))}"));

    /// <summary>A value as recipe text: numbers round-trip and invariant, booleans True/False, anything else its invariant string.</summary>
    public static string Value(object? value) => value switch
    {
        null => "null",
        double d => CanonicalText.Number(d),
        float f => CanonicalText.Number(f),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
