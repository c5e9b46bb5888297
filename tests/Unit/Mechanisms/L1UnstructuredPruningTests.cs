using Repro.Mechanisms;
using Repro.Unit.Fakes;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Unit.Mechanisms;

public class L1UnstructuredPruningTests
{
    static L1UnstructuredPruning PerLayer(double maxDrop = 4) => new(0.05, maxDrop, "points", "layer");

    [Test]
    public void Prune_PerLayer_ZeroesExactlyTheShareOfSmallestWeightsInEveryTensor()
    {
        using var model = TinyModels.ResNet();
        var before = model.PrunableWeights().ToDictionary(w => w.Name, w => w.Weight.abs().flatten().data<float>().ToArray());

        PerLayer().Prune(model, 0.5);

        foreach (var (name, weight) in model.PrunableWeights())
        {
            var values = weight.flatten().data<float>().ToArray();
            int expectedZeros = (int)Math.Floor(0.5 * values.Length);
            values.Count(v => v == 0).Should().Be(expectedZeros, name);
            float largestPruned = before[name].Where((_, i) => values[i] == 0).DefaultIfEmpty(0).Max();
            float smallestKept = before[name].Where((_, i) => values[i] != 0).DefaultIfEmpty(float.MaxValue).Min();
            largestPruned.Should().BeLessThanOrEqualTo(smallestKept, $"{name}: pruning must remove the smallest magnitudes");
        }
    }

    [Test]
    public void Derive_StopsBeforeTheStepWhoseDropExceedsTheLimit()
    {
        using var server = TinyModels.ResNet();
        // Accuracy falls 1 point per 5% of sparsity: 4 points at 20%, 5 points (> 4) at 25%.
        double Accuracy(Repro.Models.Classifier m) => 90 - 20 * L1UnstructuredPruning.Sparsity(m);

        var outcome = PerLayer().Derive(server, Accuracy);

        outcome.Sparsity.Should().BeApproximately(0.20, 1e-9);
        outcome.Trials.Select(t => t.Sparsity).Should().HaveCount(6, "0, 5, 10, 15, 20 and the failing 25%");
        L1UnstructuredPruning.Sparsity(outcome.Model).Should().BeApproximately(0.20, 0.01);
        outcome.Model.Dispose();
    }

    [Test]
    public void Derive_RelativeUnit_ScalesTheLimitByTheTargetAccuracy()
    {
        using var server = TinyModels.ResNet();
        double Accuracy(Repro.Models.Classifier m) => 50 - 20 * L1UnstructuredPruning.Sparsity(m);

        // 4% of 50 = 2 points: 10% sparsity drops 2 points (kept), 15% drops 3 (stop).
        var outcome = new L1UnstructuredPruning(0.05, 4, "relative", "layer").Derive(server, Accuracy);

        outcome.Sparsity.Should().BeApproximately(0.10, 1e-9);
        outcome.Model.Dispose();
    }

    [Test]
    public void Prune_Global_ReachesTheRequestedOverallSparsity()
    {
        using var model = TinyModels.ResNet();
        new L1UnstructuredPruning(0.05, 4, "points", "global").Prune(model, 0.3);
        L1UnstructuredPruning.Sparsity(model).Should().BeApproximately(0.3, 0.01);
    }

    [Test]
    public void PruningMask_KeepsPrunedWeightsAtZeroAfterAnUpdate()
    {
        using var model = TinyModels.ResNet();
        PerLayer().Prune(model, 0.4);
        using var mask = new PruningMask(model);
        using (no_grad()) foreach (var (_, w) in model.PrunableWeights()) w.add_(1.0);

        mask.Apply(model);

        L1UnstructuredPruning.Sparsity(model).Should().BeApproximately(0.4, 0.01);
    }

    [TestCase(0.0)]
    [TestCase(1.5)]
    public void Constructor_InvalidStep_Throws(double step)
    {
        var act = () => new L1UnstructuredPruning(step, 4, "points", "layer");
        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Test]
    public void Constructor_UnknownScope_ThrowsNamingTheSetting()
    {
        var act = () => new L1UnstructuredPruning(0.05, 4, "points", "channel");
        act.Should().Throw<ArgumentException>().WithMessage("*PruningScope*channel*");
    }
}
