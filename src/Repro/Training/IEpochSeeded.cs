namespace Repro.Training;

/// <summary>
/// An objective that draws random numbers of its own (adversarial training's PGD random start). The trainer tells it
/// each epoch before the epoch's first batch, so the draws depend on (seed, epoch) only: a run resumed from a checkpoint
/// after epoch k draws in epoch k + 1 what the uninterrupted run drew there.
/// </summary>
public interface IEpochSeeded
{
    void StartEpoch(int epoch);
}
