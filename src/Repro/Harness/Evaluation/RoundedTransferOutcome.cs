namespace Repro.Harness.Evaluation;

/// <summary>
/// Table II's transfer attack on one source model: accuracies (percent) of the label-only 8-bit cloud model on the attacked
/// samples S, clean and under FGSM / PGD-10 examples crafted on the source and rounded to 8 bits; how many of the examples'
/// pixels the rounding moved (the paper's explanation for PGD-10's small effect, §IV-C), and the images sent to the server.
/// </summary>
public sealed record RoundedTransferOutcome(
    double ServerClean,
    double ServerUnderFgsm,
    double ServerUnderPgd,
    double FgsmPixelsRounded,
    double PgdPixelsRounded,
    long ImagesSent,
    double Seconds);
