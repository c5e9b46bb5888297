namespace Repro.Metrics;

/// <summary>
/// α1 of Liang et al. over a sample set: its mean over the samples where it is defined, how many those are, and how many
/// were left out because the target's own attack did not move its output (α1(x) has a zero denominator there).
/// </summary>
public sealed record TransferabilityEstimate(double Value, int Samples, int Undefined);
