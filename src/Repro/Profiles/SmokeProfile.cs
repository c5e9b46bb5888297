using Repro.Models;

namespace Repro.Profiles;

/// <summary>
/// Seconds-scale wiring check: every stage of the pipeline runs on a handful of images. Its numbers
/// mean nothing; its snapshot only pins invariants (as-is RFR = 1, budgets never exceeded).
/// </summary>
public static class SmokeProfile
{
    public static ResNetSpec Server { get; } = new(ResNetBlock.Basic, new[] { 1, 1 }, 8, 2, "ResNet-smoke");

    public static Profile Create()
    {
        var paper = PaperProfile.Create();
        return paper with
        {
            Name = "smoke",
            Summary = "Wiring only: a few hundred images, one epoch, tiny nets; checks the pipeline end to end in seconds.",
            RequiresGpu = false,
            Data = paper.Data with { Source = DataSource.Embedded, TrainImages = 512, AttackSamples = 32, QueryAttackSamples = 8, SimilaritySamples = 32 },
            Seeds = new[] { 0 },
            Models = paper.Models with { Server = Server, ResNet18 = Server, MobileNetV2 = MiniProfile.MobileNetV2, SqueezeNet = MiniProfile.SqueezeNet, NasNet = MiniProfile.NasNet, Ofa = MiniProfile.Ofa, OfaSchedule = new(1, 1, 1, 1, 0.1), OfaRecalibrationImages = 64 },
            Training = paper.Training with { Epochs = 1, BatchSize = 64 },
            Query = paper.Query with { QueryBudget = 200 },
            LabelOnly = paper.LabelOnly with { QueryAttackSamples = 8, QueryBudget = 200 },
            Mechanisms = paper.Mechanisms with { CalibrationImages = 64 },
            CostSweep = paper.CostSweep with { FinetuneEpochs = 2, SnapshotEvery = 1 },
            Deviations = new[]
            {
                new Deviation("Data.Source", "Discover (full CIFAR-10)", "Embedded", "Runs offline on the committed slice."),
                new Deviation("Data.TrainImages", "null (all)", "512", "Seconds, not minutes."),
                new Deviation("Data.AttackSamples", "1000", "32", "Seconds, not minutes."),
                new Deviation("Data.QueryAttackSamples", "1000", "8", "Seconds, not minutes."),
                new Deviation("Data.SimilaritySamples", "1000", "32", "Seconds, not minutes."),
                new Deviation("Seeds", "[0, 1, 2, 3, 4]", "[0]", "Wiring needs one run."),
                new Deviation("Models.Server", ResNetSpec.ResNet50.Describe(), Server.Describe(), "A two-stage toy ResNet."),
                new Deviation("Models.ResNet18", ResNetSpec.ResNet18.Describe(), Server.Describe(), "Same toy network."),
                new Deviation("Models.MobileNetV2", MobileNetV2Spec.Cifar.Describe(), MiniProfile.MobileNetV2.Describe(), "The mini profile's member."),
                new Deviation("Models.SqueezeNet", SqueezeNetSpec.Cifar.Describe(), MiniProfile.SqueezeNet.Describe(), "The mini profile's member."),
                new Deviation("Models.NasNet", NasNetSpec.Cifar.Describe(), MiniProfile.NasNet.Describe(), "The mini profile's member."),
                new Deviation("Models.OfaSchedule", PaperProfile.Create().Models.OfaSchedule.ToString(), new Repro.Models.OnceForAll.ProgressiveShrinkingSchedule(1, 1, 1, 1, 0.1).ToString(), "One epoch per phase: wiring only."),
                new Deviation("Models.OfaRecalibrationImages", "2000", "64", "Wiring only."),
                new Deviation("Models.Ofa", Repro.Models.OnceForAll.OfaSpec.Cifar.Describe(), MiniProfile.Ofa.Describe(), "The mini profile's member."),
                new Deviation("Training.Epochs", "200", "1", "Wiring only."),
                new Deviation("CostSweep.FinetuneEpochs", "200", "2", "Wiring only."),
                new Deviation("CostSweep.SnapshotEvery", "10", "1", "Wiring only."),
                new Deviation("Training.BatchSize", "128", "64", "512 images give 8 steps."),
                new Deviation("Query.QueryBudget", "4000", "200", "Wiring only."),
                new Deviation("LabelOnly.QueryAttackSamples", "1000", "8", "All of the smoke profile's query samples."),
                new Deviation("LabelOnly.QueryBudget", "4000", "200", "Wiring only."),
                new Deviation("Mechanisms.CalibrationImages", "2000", "64", "Wiring only."),
            },
        };
    }
}
