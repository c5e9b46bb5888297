using Repro.Defense;
using Repro.Harness;

namespace Repro.Paper;

/// <summary>Row ids and labels Tables VI–VIII give their strategies, and the reason their ImageNet rows are not measured.</summary>
public static class StrategyRows
{
    public static string Suffix(UnpairingStrategy strategy) => strategy switch
    {
        UnpairingStrategy.FinetuneFirst => "ff",
        UnpairingStrategy.FinetuneLast => "fl",
        _ => "jf",
    };

    public static string Label(UnpairingStrategy strategy) => strategy switch
    {
        UnpairingStrategy.FinetuneFirst => "FF",
        UnpairingStrategy.FinetuneLast => "FL",
        _ => "JF",
    };

    public static string NotInProfile(string profile, string setting, IEnumerable<UnpairingStrategy> chosen) =>
        $"not among profile '{profile}''s strategies (Unpairing.{setting} = [{string.Join(", ", chosen)}]); the paper-grid profiles run it";

    /// <summary>
    /// Declares the rows Tables VI and VII share: the CIFAR10 baseline and one row per strategy (those outside the
    /// profile's <paramref name="setting"/> marked not measured), then the ImageNet rows, which are never measured here.
    /// </summary>
    public static void Declare(ResultBuilder result, string profile, string setting,
        IEnumerable<UnpairingStrategy> strategies, IReadOnlyList<UnpairingStrategy> chosen)
    {
        result.Row("cifar10/baseline", "CIFAR10", "Baseline");
        foreach (var strategy in strategies)
        {
            string id = $"cifar10/{Suffix(strategy)}";
            result.Row(id, "CIFAR10", Label(strategy));
            if (!chosen.Contains(strategy)) result.NotMeasured(id, NotInProfile(profile, setting, chosen));
        }
        foreach (var id in new[] { "imagenet/baseline", "imagenet/ff", "imagenet/fl" })
        {
            result.Row(id, "ImageNet", id.EndsWith("baseline", StringComparison.Ordinal) ? "Baseline" : id[^2..].ToUpperInvariant());
            result.NotMeasured(id, ImageNetFinetuning);
        }
    }

    public const string ImageNetFinetuning =
        "fine-tuning on ImageNet needs its 1.28M training images, which Repro does not read (its ImageNet support, Table I's ImageNet group, covers validation images and pretrained weights only)";
}
