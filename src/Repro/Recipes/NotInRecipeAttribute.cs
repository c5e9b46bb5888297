namespace Repro.Recipes;

/// <summary>
/// Marks a setting that does not change what an artifact holds (a batch size for memory, a checkpoint interval), so it
/// stays out of recipe text and two runs that differ only in it share their cached artifacts. The recipe key test
/// checks that every other setting does change the key.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NotInRecipeAttribute : Attribute;
