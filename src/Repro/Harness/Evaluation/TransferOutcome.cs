namespace Repro.Harness.Evaluation;

/// <summary>
/// Accuracies (percent) of the server on the attacked samples S: clean, and under FGSM and PGD-10
/// examples crafted on one source model (the on-device model, or the server itself for S^s).
/// For Appendix C the source model's own accuracy under its examples is kept too.
/// </summary>
public sealed record TransferOutcome(
    double ServerClean,
    double ServerUnderFgsm,
    double ServerUnderPgd,
    double SourceClean,
    double SourceUnderFgsm,
    double SourceUnderPgd,
    double Seconds);
