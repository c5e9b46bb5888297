using Repro.Metrics;
using Repro.Models;
using Repro.Profiles;
using Repro.Reporting;

namespace Repro.Paper;

/// <summary>
/// The device time of Table I's CIFAR-10 rows at a profile, from measured throughputs. Per seed: every model trained
/// from scratch (server, "a new", distilled ResNet18 and NASNet, NASNet, MobileNetV2, SqueezeNet; the 8-bit and pruned
/// siblings cost seconds), and P-RGF's work counted from the paper's own Table I: a row's #Q (mean over attacked
/// samples, failures at the budget: ProtocolChoices "Metric.Queries") is that many server forwards per attacked sample,
/// and every q + 1 of them one input gradient of the row's prior. The transfer attacks (PGD-10 on 1000 samples per
/// row) are seconds and left out. Its inputs are throughputs measured on the device (`repro device-check`) and the
/// paper's published #Q; it is a lower bound: the attack's batches shrink as samples finish (slower per image than
/// the full batches timed), and a step charged fewer than q + 1 queries still costs a prior gradient.
/// </summary>
public sealed record Table01Budget(double TrainingSeconds, double QuerySeconds, double PriorSeconds, int Seeds)
{
    public double TotalSeconds => TrainingSeconds + QuerySeconds + PriorSeconds;

    /// <summary>One training from scratch of a seed: what it is called, its architecture, and whether it distils the server (a teacher forward per step).</summary>
    public sealed record Training(string Name, ArchitectureSpec Architecture, bool Distilled);

    /// <summary>The trainings from scratch Table I's CIFAR-10 rows need per seed.</summary>
    public static IReadOnlyList<Training> Trainings(Profile profile)
    {
        var m = profile.Models;
        return new Training[]
        {
            new("server", m.Server, false), new("a new", m.Server, false), new("distilled ResNet18", m.ResNet18, true),
            new("distilled NASNet", m.NasNet, true), new("NASNet", m.NasNet, false), new("MobileNetV2", m.MobileNetV2, false), new("SqueezeNet", m.SqueezeNet, false),
        };
    }

    /// <summary>The architecture each CIFAR-10 row crafts on (null: no prior, RGF).</summary>
    public static ArchitectureSpec? PriorOf(string row, Profile profile) => row switch
    {
        "cifar10/as-is" or "cifar10/a-new" or "cifar10/quantization" or "cifar10/pruning" => profile.Models.Server,
        "cifar10/no-prior" => null,
        "cifar10/distillation-resnet18" => profile.Models.ResNet18,
        "cifar10/distillation-nasnet" or "cifar10/nas-nasnet" => profile.Models.NasNet,
        "cifar10/manual-mobilenetv2" => profile.Models.MobileNetV2,
        "cifar10/manual-squeezenet" => profile.Models.SqueezeNet,
        _ => throw new ArgumentException($"Table I row '{row}' has no prior architecture in the budget; add it to {nameof(Table01Budget)}.{nameof(PriorOf)}"),
    };

    /// <param name="trainImages">Images per training epoch (CIFAR-10: 50 000).</param>
    /// <param name="paper">The paper's Table I (baselines/paper/Table01_OnDevicePriors.csv).</param>
    /// <param name="secondsPerStep">Measured seconds per training step at the profile's settings, by <see cref="Training"/>.</param>
    /// <param name="serverImagesPerSecond">Measured server forwards per second (the oracle, IEEE float32).</param>
    /// <param name="priorImagesPerSecond">Measured input gradients per second, by prior architecture.</param>
    public static Table01Budget Estimate(Profile profile, int trainImages, PaperBaseline paper, Func<Training, double> secondsPerStep,
        double serverImagesPerSecond, Func<ArchitectureSpec, double> priorImagesPerSecond)
    {
        long stepsPerEpoch = (trainImages + profile.Training.BatchSize - 1) / profile.Training.BatchSize;
        double training = Trainings(profile).Sum(t => profile.Training.Epochs * stepsPerEpoch * secondsPerStep(t));

        // Samples the server misclassifies are skipped: the attacked share is its accuracy.
        double accuracy = Cell(paper, "cifar10/as-is", Metric.Accuracy.Key) / 100;
        double attacked = profile.Data.QueryAttackSamples * accuracy;
        double queries = 0, priors = 0;
        foreach (var row in Table01_OnDevicePriors.CifarRows)
        {
            double perSample = Cell(paper, row.Id, Metric.Queries.Key);
            queries += attacked * perSample / serverImagesPerSecond;
            if (PriorOf(row.Id, profile) is { } prior)
                priors += attacked * perSample / (profile.Query.SamplesPerDraw + 1) / priorImagesPerSecond(prior);
        }
        int seeds = profile.Seeds.Count;
        return new Table01Budget(training * seeds, queries * seeds, priors * seeds, seeds);
    }

    static double Cell(PaperBaseline paper, string row, string metric) =>
        paper.Row(row)?.Cell(metric)?.Mean ?? throw new ArgumentException($"the paper's Table I ({paper.Source}) has no '{metric}' for row '{row}'");

    /// <summary>"training 42 s + P-RGF server queries 18 min + prior gradients 15 min = 34 min (2 seeds)": each part, then the sum.</summary>
    public string Describe() =>
        $"training {Duration(TrainingSeconds)} + P-RGF server queries {Duration(QuerySeconds)} + prior gradients {Duration(PriorSeconds)} = {Duration(TotalSeconds)} ({Seeds} seed{(Seeds == 1 ? "" : "s")})";

    static string Duration(double seconds) =>
        seconds >= 5400 ? FormattableString.Invariant($"{seconds / 3600:F1} h")
        : seconds >= 90 ? FormattableString.Invariant($"{seconds / 60:F0} min")
        : FormattableString.Invariant($"{seconds:F0} s");
}
