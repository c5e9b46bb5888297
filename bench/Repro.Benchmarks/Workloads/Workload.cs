namespace Repro.Benchmarks.Workloads;

/// <summary>
/// One hot path, ready to run: models loaded, inputs sliced. <see cref="Run"/> is what is timed (it does
/// <see cref="WorkloadSpec.OperationsPerRun"/> operations); <see cref="Fingerprint"/> hashes what a fresh
/// instance computes, so that a performance change can be shown to leave every bit as it was.
/// </summary>
public abstract class Workload(WorkloadSpec spec) : IDisposable
{
    public WorkloadSpec Spec { get; } = spec;

    public abstract void Run();

    /// <summary>A hash (or exact value) of the result of the first <see cref="Run"/> of a fresh instance; call it on one.</summary>
    public abstract string Fingerprint();

    public virtual void Dispose() => GC.SuppressFinalize(this);

    /// <summary>The workload a spec describes, on the given inputs.</summary>
    public static Workload Create(WorkloadSpec spec, BenchInputs inputs) => spec.Kind switch
    {
        WorkloadKind.TrainingStep or WorkloadKind.UnpairingStep => new TrainingStepWorkload(spec, inputs),
        WorkloadKind.Fgsm or WorkloadKind.Pgd => new TransferAttackWorkload(spec, inputs),
        WorkloadKind.PriorGuidedIteration => new PriorGuidedIterationWorkload(spec, inputs),
        WorkloadKind.Similarity => new SimilarityWorkload(spec, inputs),
        WorkloadKind.Forward => new ForwardWorkload(spec, inputs),
        WorkloadKind.Evaluation => new EvaluationWorkload(spec, inputs),
        _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Kind, "no workload of this kind"),
    };
}
