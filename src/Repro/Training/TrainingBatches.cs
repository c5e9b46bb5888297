using static TorchSharp.torch;

namespace Repro.Training;

/// <summary>
/// The batches of one epoch, made fresh for each epoch number (shuffling and augmentation seeded by
/// the run's seed and the epoch, so an interrupted run resumes with the same data order).
/// The trainer disposes every tensor it is given.
/// </summary>
public delegate IEnumerable<(Tensor Images, Tensor Labels)> TrainingBatches(int epoch);
