namespace Repro.Harness.Evaluation;

/// <summary>
/// Per attacked sample (in the order of S), the ℓ2 distance between a target's logits on the clean image and on the FGSM
/// and PGD-10 examples crafted on one source model: the numerator (source f_o) or denominator (source f_s itself) of α1.
/// </summary>
public sealed record DeviationOutcome(double[] UnderFgsm, double[] UnderPgd, double Seconds);
