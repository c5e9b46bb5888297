using static Repro.Claims.ClaimRules;
using static Repro.Claims.UnpairingRules;
using Repro.Claims;

namespace Repro.Paper;

/// <summary>The claims Table VI backs (§VI-B, quantization).</summary>
public sealed partial class Table06_UnpairingQuantization
{
    const string Experiment = nameof(Table06_UnpairingQuantization);

    public static Claim FinetuneLast_ReducesVulnerability { get; } = new(
        nameof(FinetuneLast_ReducesVulnerability), Experiment,
        "The 8-bit model fine-tuned last with the input-gradient penalty makes the server materially less vulnerable than the plain 8-bit model",
        "In both CIFAR10 and ImageNet, the RFR of the transfer-based attack is reduced to 0.13–0.43 (FGSM) and 0.31–0.91 (PGD-10), compared to the baseline of 1.00. Our defense increases the query complexity from 12–14 to 138–1132 and decreases the FR from 100% up to 74%",
        "CIFAR10 FL: 0.13 / 0.31, # Q 1131.9, FR 74% (baseline 1.00 / 1.00, 13.7, 100%)",
        r => ReducesVulnerability(r, "cifar10/fl", "cifar10/baseline"));

    public static Claim FinetuneLast_BeatsFinetuneFirst { get; } = new(
        nameof(FinetuneLast_BeatsFinetuneFirst), Experiment,
        "Finetune-last leaves the server less vulnerable than finetune-first on every attack metric",
        "We first find that FL is the best strategy at reducing the vulnerability to black-box adversarial examples",
        "FL 0.13 / 0.31, 1131.9, 74% vs FF 0.38 / 0.58, 901.8, 80%",
        r => LessVulnerableThan(r, "cifar10/fl", "cifar10/ff"));

    public static Claim FinetuneLast_KeepsAccuracy { get; } = new(
        nameof(FinetuneLast_KeepsAccuracy), Experiment,
        "The finetune-last 8-bit model stays within 2 points of the plain 8-bit model's accuracy",
        "Table VI: CIFAR10 FL 91% against the baseline's 91%",
        "91% vs 91%",
        r => KeepsAccuracy(r, "cifar10/fl", "cifar10/baseline"));

    public static Claim FinetuneFirst_LosesAccuracy { get; } = new(
        nameof(FinetuneFirst_LosesAccuracy), Experiment,
        "Quantizing the unpaired server (finetune-first) loses more than 10 points of accuracy against the plain 8-bit model",
        "the defense entails a large accuracy drop (91→68%)",
        "68% vs 91%",
        r => LosesAccuracy(r, "cifar10/ff", "cifar10/baseline", 10));

    public static Claim Qat_CollapsesAccuracy { get; } = new(
        nameof(Qat_CollapsesAccuracy), Experiment,
        "The joint strategy (quantization-aware training with the unpairing loss on the 8-bit view) loses more than 10 points of 8-bit accuracy",
        "In JF, we observe that our QAT results in a model that shows a significant accuracy drop when quantized (91→47% in CIFAR10)",
        "47% vs 91%",
        r => LosesAccuracy(r, "cifar10/jf", "cifar10/baseline", 10));

    public override IReadOnlyList<Claim> Claims => AllClaims;

    static IReadOnlyList<Claim> AllClaims { get; } = new[]
    {
        FinetuneLast_ReducesVulnerability, FinetuneLast_BeatsFinetuneFirst, FinetuneLast_KeepsAccuracy, FinetuneFirst_LosesAccuracy, Qat_CollapsesAccuracy,
    };
}
