using Repro.Defense;

namespace Repro.Experiments.Evaluation;

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

    public const string ImageNetFinetuning =
        "fine-tuning on ImageNet needs its 1.28M training images, which Repro does not read (its ImageNet support, Table I's ImageNet group, covers validation images and pretrained weights only)";
}
