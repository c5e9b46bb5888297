namespace Repro.Profiles;

/// <summary>
/// Figure 1's first cost axis (§IV-D "Longer training iterations reduces the vulnerability"): fine-tune
/// the trained server for <see cref="FinetuneEpochs"/> epochs and keep a snapshot every
/// <see cref="SnapshotEvery"/>; each snapshot is used as the attacker's prior against the server.
/// </summary>
public sealed record CostSweepSettings
{
    /// <summary>"We run fine-tuning of a ResNet50 model, pre-trained on CIFAR10, for 200 training iterations (epochs)".</summary>
    public int FinetuneEpochs { get; init; } = 200;

    /// <summary>"we store the intermediate models in every 10 epochs".</summary>
    public int SnapshotEvery { get; init; } = 10;

    /// <summary>The fine-tune's learning rate (constant); the paper does not give one (see ProtocolChoices).</summary>
    public double LearningRate { get; init; } = 0.001;
}
