namespace Repro.Profiles;

/// <summary>Which images a profile trains on and attacks (§IV-A "Datasets", "Methodology").</summary>
public sealed record DataSettings
{
    /// <summary>"cifar10" or "imagenet".</summary>
    public string Dataset { get; init; } = "cifar10";

    /// <summary>Where to read it from: the full data set, or the committed slice.</summary>
    public DataSource Source { get; init; } = DataSource.Discover;

    /// <summary>Training images used (null: all of the training split).</summary>
    public int? TrainImages { get; init; }

    /// <summary>Test images the transfer attacks (FGSM, PGD-10) are evaluated on: "the same 1000 samples randomly chosen from the test data".</summary>
    public int AttackSamples { get; init; } = 1000;

    /// <summary>Of those, how many P-RGF attacks (each costs up to the query budget).</summary>
    public int QueryAttackSamples { get; init; } = 1000;

    /// <summary>Samples the similarity metrics average over (Appendix D: 1 000).</summary>
    public int SimilaritySamples { get; init; } = 1000;

    /// <summary>"train" (Appendix D) or "test" (§V-A says "the same 1,000 samples used for crafting").</summary>
    public string SimilaritySplit { get; init; } = "train";

    /// <summary>ImageNet rows: validation images drawn besides S for accuracy, pruning's stopping rule and 8-bit calibration.</summary>
    public int ImageNetHeldOut { get; init; } = 10000;

    /// <summary>Seed of the draw of attacked test samples; the same draw for every attack and row.</summary>
    public int SampleSeed { get; init; } = 2023;
}
