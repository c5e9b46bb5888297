using Repro.Failures;

namespace Repro.Harness;

/// <summary>An experiment that stopped in a run, with what stopped it.</summary>
public sealed record ExperimentFailure(string Experiment, Failure Failure);
