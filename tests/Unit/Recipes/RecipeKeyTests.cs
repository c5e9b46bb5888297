using System.Globalization;
using System.Reflection;
using Repro.Attacks;
using Repro.Harness;
using Repro.Models;
using Repro.Recipes;
using Repro.Training;

namespace Repro.Unit.Recipes;

/// <summary>
/// A cached artifact is found by its recipe's key, so the key must change with every setting that changes the
/// artifact (or a stale result is served) and with nothing else (or equal work is redone): each setting of the
/// training schedule and of both attacks is varied in turn, and the key follows exactly the settings not marked
/// <see cref="NotInRecipeAttribute"/>. Keys do not depend on the machine's culture.
/// </summary>
public class RecipeKeyTests
{
    static IEnumerable<PropertyInfo> Settings(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.Name != "EqualityContract" && p.CanWrite);

    /// <summary>A copy of a settings record with one property moved to another valid value.</summary>
    static T Varied<T>(T settings, PropertyInfo property) where T : class
    {
        var copy = (T)typeof(T).GetMethod("<Clone>$")!.Invoke(settings, null)!;
        object? value = property.GetValue(settings);
        object changed = value switch
        {
            int i => i + 1,
            double d => d * 2 + 0.5,
            bool b => !b,
            string s => s == "cosine" ? "constant" : s == "optimal" ? "0.5" : s + "x",
            Enum e => Enum.GetValues(e.GetType()).Cast<object>().First(v => !v.Equals(e)),
            _ => throw new NotSupportedException($"{typeof(T).Name}.{property.Name} ({property.PropertyType.Name}): teach this test how to vary it"),
        };
        property.SetValue(copy, changed);
        return copy;
    }

    static IEnumerable<TestCaseData> Cases()
    {
        foreach (var p in Settings(typeof(TrainingSettings))) yield return new TestCaseData(typeof(TrainingSettings), p.Name).SetName($"TrainingSettings.{p.Name}");
        foreach (var p in Settings(typeof(TransferAttackSettings))) yield return new TestCaseData(typeof(TransferAttackSettings), p.Name).SetName($"TransferAttackSettings.{p.Name}");
        foreach (var p in Settings(typeof(QueryAttackSettings))) yield return new TestCaseData(typeof(QueryAttackSettings), p.Name).SetName($"QueryAttackSettings.{p.Name}");
    }

    static string Text(object settings) => settings is TrainingSettings t ? TrainingProcedure.Describe(t, "ce") : RecipeText.Settings(settings);

    [TestCaseSource(nameof(Cases))]
    public void Key_ChangesWithASettingExactlyWhenTheSettingIsInTheRecipe(Type type, string name)
    {
        var property = type.GetProperty(name)!;
        var defaults = Activator.CreateInstance(type)!;
        var varied = typeof(RecipeKeyTests).GetMethod(nameof(Varied), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(type).Invoke(null, new[] { defaults, property })!;

        bool inRecipe = property.GetCustomAttribute<NotInRecipeAttribute>() is null;

        (Text(varied) != Text(defaults)).Should().Be(inRecipe,
            inRecipe ? $"{type.Name}.{name} changes what is computed, so it must change the recipe text" : $"{type.Name}.{name} is marked NotInRecipe");
    }

    [Test]
    public void ModelRecipe_KeyFollowsEveryInputButTheRole()
    {
        var spec = new ResNetSpec(ResNetBlock.Basic, new[] { 1 }, 4, 1);
        var recipe = new ModelRecipe("server", spec, "cifar10-slice:abc", "train(ce;epochs=1)", Array.Empty<Repro.Harness.Artifacts.ArtifactKey>(), 0);

        (recipe with { Role = "a new" }).Key.Should().Be(recipe.Key, "the role is for people and logs");
        (recipe with { EightBit = true }).Key.Should().Be(recipe.Key, "8-bit is a fact the procedure already states");
        new[]
        {
            recipe with { Architecture = new ResNetSpec(ResNetBlock.Basic, new[] { 1 }, 8, 1) },
            recipe with { Dataset = "cifar10-slice:abd" },
            recipe with { Procedure = "train(ce;epochs=2)" },
            recipe with { Parents = new[] { recipe.Key } },
            recipe with { Seed = 1 },
        }.Select(r => r.Key).Should().OnlyHaveUniqueItems().And.NotContain(recipe.Key);
    }

    [Test]
    public void Text_UnderAnotherCulture_IsTheSame()
    {
        var before = (Text(new TrainingSettings { LearningRate = 0.05, WeightDecay = 5e-4 }), Text(new TransferAttackSettings()), Text(new QueryAttackSettings { Sigma = 1.5e-4 }));
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            0.05.ToString().Should().Be("0,05", "the test needs a culture that formats numbers otherwise");
            (Text(new TrainingSettings { LearningRate = 0.05, WeightDecay = 5e-4 }), Text(new TransferAttackSettings()), Text(new QueryAttackSettings { Sigma = 1.5e-4 }))
                .Should().Be(before, "a German locale prints 0,05; keys must not depend on it");
        }
        finally { CultureInfo.CurrentCulture = culture; }
    }
}
