namespace Repro.Training;

/// <summary>
/// A training step met a non-finite loss or gradient: the run stops at once (an optimiser step would
/// spread it into every weight) and nothing of the model reaches the artifact cache. The message names the
/// training task (model, role, seed), the epoch, the step and the first parameter whose gradient is not finite.
/// </summary>
public sealed class NonFiniteTrainingException(string task, int epoch, long step, string what)
    : ArithmeticException($"{task}: {what} at epoch {epoch}, step {step}; training stopped and nothing of this model was cached")
{
    public string Task { get; } = task;
    public int Epoch { get; } = epoch;
    public long Step { get; } = step;
}
