using Repro.Metrics;
using Repro.Attacks;
using Repro.Unit.Fakes;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Unit.Attacks;

/// <summary>
/// P-RGF's query accounting against the reference (PAPER-NOTES §3.9) on linear servers, where one l-inf step of
/// 2/255 along the true gradient's sign lowers the margin by 2/255 * ||w_1 - w_0||_1 = 0.241 (CIFAR shape, scale 0.01).
/// </summary>
public class PriorGuidedRandomGradientFreeTests
{
    static readonly QueryAttackSettings Paper = new();
    static readonly TwoClassLinearScenario Scenario = new(TinyImages.Cifar, seed: 1);

    [Test]
    public void Attack_ServerAsPriorFooledInOneStep_Charges12AndSends13()
    {
        using var scope = NewDisposeScope();
        var server = Scenario.Server();
        var (images, labels) = Scenario.Images(new[] { 0.1, 0.1, 0.2 }, new[] { 1L, 0L, 1L }, seed: 2);

        using var result = new PriorGuidedRandomGradientFree(Paper).Attack(server, images, labels, prior: server, seed: 0);

        // t = 0: S = 10 norm probes + 1 prior probe + 1 evaluation of the step (lambda* = 1 skips the q queries).
        result.Outcomes.Should().AllSatisfy(o =>
        {
            o.Fooled.Should().BeTrue();
            o.QueriesCharged.Should().Be(12);
            o.ImagesSent.Should().Be(13);
            o.Iterations.Should().Be(1);
        });
        MeanQueries.OverAttacked(result.Outcomes, result.QueryBudget).Should().Be(12);
        FoolingRate.Compute(result.Outcomes).Should().Be(100);
    }

    [Test]
    public void Attack_ChargeInitialQuery_Charges13()
    {
        using var scope = NewDisposeScope();
        var server = Scenario.Server();
        var (images, labels) = Scenario.Images(new[] { 0.1 }, new[] { 1L }, seed: 2);

        using var result = new PriorGuidedRandomGradientFree(Paper with { ChargeInitialQuery = true }).Attack(server, images, labels, server, seed: 0);

        result.Outcomes.Single().QueriesCharged.Should().Be(13);
        result.Outcomes.Single().ImagesSent.Should().Be(13);
    }

    [Test]
    public void Attack_PerfectPriorFooledAfterKSteps_ChargesTheReferenceSchedule()
    {
        using var scope = NewDisposeScope();
        var server = Scenario.Server();
        var (images, labels) = Scenario.Images(new[] { 0.1, 0.35, 0.6, 0.85 }, new[] { 1L, 1L, 0L, 0L }, seed: 3);

        using var result = new PriorGuidedRandomGradientFree(Paper).Attack(server, images, labels, server, seed: 0);

        // PAPER-NOTES §3.9: cumulative 12, 14, 16, 28 (t = 1, 2 cost 1 probe + 1 step; t = 3 refreshes the norm).
        result.Outcomes.Select(o => o.Iterations).Should().Equal(1, 2, 3, 4);
        result.Outcomes.Select(o => o.QueriesCharged).Should().Equal(12, 14, 16, 28);
        result.Outcomes.Should().OnlyContain(o => o.Fooled && o.ImagesSent == o.QueriesCharged + 1);
    }

    [TestCase(11, false, 11)]
    [TestCase(12, true, 12)]
    public void Attack_BudgetEndsBeforeTheEvaluation_StopsWithoutOvershoot(int budget, bool fooled, int charged)
    {
        using var scope = NewDisposeScope();
        var server = Scenario.Server();
        var (images, labels) = Scenario.Images(new[] { 0.1 }, new[] { 1L }, seed: 2);

        using var result = new PriorGuidedRandomGradientFree(Paper with { QueryBudget = budget }).Attack(server, images, labels, server, seed: 0);

        result.Outcomes.Single().Fooled.Should().Be(fooled);
        result.Outcomes.Single().QueriesCharged.Should().Be(charged);
    }

    [TestCase(15)]
    [TestCase(23)]
    [TestCase(50)]
    [TestCase(137)]
    public void Attack_TinyBudgetsEndingMidIteration_NoCountExceedsTheBudget(int budget)
    {
        using var scope = NewDisposeScope();
        var (images, labels) = Scenario.Images(new[] { 2.0, 3.0, 1.5, 2.5 }, new[] { 1L, 0L, 0L, 1L }, seed: 4);
        var settings = Paper with { QueryBudget = budget };
        var oracle = new RecordingQueryOracle(new CountingQueryOracle(Scenario.Server(), 4, settings));

        using var result = new PriorGuidedRandomGradientFree(settings).Attack(oracle, images, labels, Scenario.Prior(noise: 0.15, seed: 5), seed: 0);

        result.Outcomes.Should().OnlyContain(o => o.QueriesCharged <= budget && !o.Fooled);
        // Every image after the clean one was charged, and none was refused: the attack stopped samples itself.
        for (int s = 0; s < 4; s++)
            oracle.CallSizesFor(s).Sum().Should().Be((int)result.Outcomes[s].QueriesCharged);
        result.Outcomes.Should().OnlyContain(o => o.QueriesCharged > budget - Paper.SamplesPerDraw - 1);
        // The noisy prior's lambda* is interior, so q = 10 directions follow every probe: t = 0 is norm, probe, q, step.
        if (budget >= 50) oracle.CallSizesFor(0).Take(8).Should().Equal(10, 1, 10, 1, 1, 10, 1, 1);
    }

    [Test]
    public void Attack_PriorProbeFlatUntilSigmaDoubledThreeTimes_OracleCountsEveryRetry()
    {
        using var scope = NewDisposeScope();
        var (images, server, prior) = RoundedServerOnGrid(margin: 0.1);
        var oracle = new RecordingQueryOracle(new CountingQueryOracle(server, 1, Paper));

        using var result = new PriorGuidedRandomGradientFree(Paper).Attack(oracle, images, TinyImages.Labels(1), prior, seed: 0);

        oracle.CallSizesFor(0).Should().Equal(10, 1, 1, 1, 1, 1);
        result.Outcomes.Single().Should().Be(new QueryAttackOutcome(0, Skipped: false, Fooled: true, QueriesCharged: 15, ImagesSent: 16, Iterations: 1));
    }

    [Test]
    public void Attack_SigmaRaised_EvenIterationsSpendTwoResetProbes()
    {
        using var scope = NewDisposeScope();
        var (images, server, prior) = RoundedServerOnGrid(margin: 0.6);
        var oracle = new RecordingQueryOracle(new CountingQueryOracle(server, 1, Paper));

        using var result = new PriorGuidedRandomGradientFree(Paper).Attack(oracle, images, TinyImages.Labels(1), prior, seed: 0);

        // t = 0: norm, 4 probes (sigma 1e-4 -> 8e-4), step; t = 1: probe, step; t = 2: 2 reset probes at 1e-4 (both
        // flat on the grid, so sigma stays), probe, step. Three steps of 0.241 beat the 0.6 margin.
        oracle.CallSizesFor(0).Should().Equal(10, 1, 1, 1, 1, 1, 1, 1, 2, 1, 1);
        result.Outcomes.Single().Should().Be(new QueryAttackOutcome(0, Skipped: false, Fooled: true, QueriesCharged: 21, ImagesSent: 22, Iterations: 3));
    }

    /// <summary>
    /// A server that rounds its input to 8 bits, an on-grid image at the given margin (label 1), and the exact
    /// linear prior. The prior's direction has one entry of 3.99 (RMS 1), so a probe at sigma = 1e-4 * 2^k first
    /// crosses half a grey level (0.5/255), and so moves the loss, at k = 3; random probes at 1e-4 never do.
    /// </summary>
    static (Tensor Images, LinearClassifier Server, LinearClassifier Prior) RoundedServerOnGrid(double margin)
    {
        var scenario = new TwoClassLinearScenario(TinyImages.Cifar, seed: 2, firstPixelFactor: 4);
        var (raw, _) = scenario.Images(new[] { margin }, new[] { 1L }, seed: 6);
        var images = (raw * 255).round() / 255;
        var pixels = TinyImages.Row(images, 0);
        double onGrid = pixels.Select((p, i) => p * scenario.Difference[i]).Sum();
        return (images, scenario.Server(PixelTransform.RoundToEightBits, bias: new[] { 0, margin - onGrid }), scenario.Prior(0, 0));
    }

    [Test]
    public void Attack_RgfEstimateExactlyZero_RetriesWithFiveTimesSigmaAndCountsIt()
    {
        using var scope = NewDisposeScope();
        var settings = Paper with { QueryBudget = 100 };
        var (raw, labels) = Scenario.Images(new[] { 3.0 }, new[] { 1L }, seed: 7);
        var images = (raw * 255).round() / 255;
        var oracle = new RecordingQueryOracle(new CountingQueryOracle(Scenario.Server(PixelTransform.RoundToEightBits), 1, settings));

        using var result = new PriorGuidedRandomGradientFree(settings).Attack(oracle, images, labels, prior: null, seed: 0);

        // At sigma = 1e-4 no probe crosses half a grey level, so the first estimate is exactly 0 and is redone.
        var calls = oracle.CallSizesFor(0);
        calls.TakeWhile(size => size == 10).Count().Should().BeGreaterThanOrEqualTo(2);
        calls.Sum().Should().Be((int)result.Outcomes.Single().QueriesCharged);
    }

    [Test]
    public void Attack_NoPrior_Spends11QueriesPerIteration()
    {
        using var scope = NewDisposeScope();
        var settings = Paper with { QueryBudget = 56 };
        var (images, labels) = Scenario.Images(new[] { 5.0, 6.0 }, new[] { 1L, 0L }, seed: 8);
        var oracle = new RecordingQueryOracle(new CountingQueryOracle(Scenario.Server(), 2, settings));

        using var result = new PriorGuidedRandomGradientFree(settings).Attack(oracle, images, labels, prior: null, seed: 0);

        // 5 iterations of q + 1 = 11; the sixth cannot pay its 10 probes and stops the sample.
        result.Outcomes.Should().OnlyContain(o => !o.Fooled && o.QueriesCharged == 55 && o.Iterations == 5 && o.ImagesSent == 56);
        oracle.CallSizesFor(0).Should().Equal(10, 1, 10, 1, 10, 1, 10, 1, 10, 1);
    }

    [Test]
    public void Attack_FixedLambda_SpendsNoNormOrProbeQueries()
    {
        using var scope = NewDisposeScope();
        var settings = Paper with { QueryBudget = 56, Lambda = "0.5" };
        var (images, labels) = Scenario.Images(new[] { 5.0 }, new[] { 1L }, seed: 9);

        using var result = new PriorGuidedRandomGradientFree(settings).Attack(Scenario.Server(), images, labels, Scenario.Prior(0.15, 10), seed: 0);

        result.Outcomes.Single().QueriesCharged.Should().Be(55);
        result.Outcomes.Single().Iterations.Should().Be(5);
    }

    /// <remarks>
    /// Exact because each sample has its own random stream and the linear fake's logits do not depend on the batch;
    /// a convolution may round differently at another batch size, and then the trajectories drift apart.
    /// </remarks>
    [Test]
    public void Attack_Batched_EqualsPerSampleRuns()
    {
        using var scope = NewDisposeScope();
        var settings = Paper with { QueryBudget = 150 };
        var server = Scenario.Server();
        var prior = Scenario.Prior(0.15, 11);
        var (images, labels) = Scenario.Images(new[] { 0.05, 0.3, 1.0, 2.0 }, new[] { 1L, 0L, 1L, 0L }, seed: 12);
        var attack = new PriorGuidedRandomGradientFree(settings);

        using var batched = attack.Attack(server, images, labels, prior, seed: 3, keepAdversarialImages: true);

        for (int i = 0; i < 4; i++)
        {
            using var single = attack.Attack(server, images.narrow(0, i, 1), labels.narrow(0, i, 1), prior, seed: 3, keepAdversarialImages: true);
            single.Outcomes.Single().Should().Be(batched.Outcomes[i] with { Sample = 0 });
            TinyImages.Row(single.AdversarialImages!, 0).Should().Equal(TinyImages.Row(batched.AdversarialImages!, i));
        }
        batched.Outcomes.Should().Contain(o => o.Fooled).And.Contain(o => !o.Fooled);
    }

    [Test]
    public void Attack_SameSeed_Reproducible_OtherSeed_Differs()
    {
        using var scope = NewDisposeScope();
        var settings = Paper with { QueryBudget = 60 };
        var (images, labels) = Scenario.Images(new[] { 3.0, 3.0 }, new[] { 1L, 0L }, seed: 13);
        var attack = new PriorGuidedRandomGradientFree(settings);

        using var first = attack.Attack(Scenario.Server(), images, labels, null, seed: 1, keepAdversarialImages: true);
        using var again = attack.Attack(Scenario.Server(), images, labels, null, seed: 1, keepAdversarialImages: true);
        using var other = attack.Attack(Scenario.Server(), images, labels, null, seed: 2, keepAdversarialImages: true);

        again.AdversarialImages!.data<float>().ToArray().Should().Equal(first.AdversarialImages!.data<float>().ToArray());
        other.AdversarialImages!.data<float>().ToArray().Should().NotEqual(first.AdversarialImages!.data<float>().ToArray());
        LinfAssert.InBallAndUnitRange(first.AdversarialImages!, images, settings.Epsilon);
    }

    [Test]
    public void Attack_ServerAlreadyWrong_SkipsTheSample()
    {
        using var scope = NewDisposeScope();
        var server = Scenario.Server();
        var (images, labels) = Scenario.Images(new[] { -0.5, 0.1 }, new[] { 1L, 1L }, seed: 14);

        using var result = new PriorGuidedRandomGradientFree(Paper).Attack(server, images, labels, server, seed: 0);

        result.Outcomes[0].Should().Be(new QueryAttackOutcome(0, Skipped: true, Fooled: false, QueriesCharged: 0, ImagesSent: 1, Iterations: 0));
        result.Attacked.Should().Be(1);
        FoolingRate.Compute(result.Outcomes).Should().Be(100);
    }

    [Test]
    public void Attack_LongerRuns_LeaveNoLiveTensorsAndRestoreThePriorsMode()
    {
        using var scope = NewDisposeScope();
        var (images, labels) = Scenario.Images(new[] { 3.0, 4.0 }, new[] { 1L, 0L }, seed: 15);
        var server = Scenario.Server();
        var prior = Scenario.Prior(0.15, 16);
        prior.train();
        var attack = new PriorGuidedRandomGradientFree(Paper with { QueryBudget = 300 });
        attack.Attack(server, images, labels, prior, seed: 0).Dispose();
        long before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        attack.Attack(server, images, labels, prior, seed: 0).Dispose();

        DisposeScopeManager.Statistics.ThreadTotalLiveCount.Should().Be(before);
        prior.training.Should().BeTrue();
    }
}
