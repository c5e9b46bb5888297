using Repro.Failures;
using Repro.Harness.Artifacts;
using Repro.Harness.Evaluation;
using Repro.Harness.ImageNet;
using Repro.Claims;
using Repro.Paper;

namespace Repro.Harness;

/// <summary>An experiment that stopped in a run, with what stopped it.</summary>
public sealed record ExperimentFailure(string Experiment, Failure Failure);
