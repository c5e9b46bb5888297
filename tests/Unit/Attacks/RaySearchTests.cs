using Repro.Attacks;
using Repro.Unit.Fakes;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Unit.Attacks;

/// <summary>
/// RayS's query accounting on two-class linear servers, where the sign of the true gradient is the best l-inf direction:
/// at eps = 8/255 it lowers the margin by eps * ||w_1 - w_0||_1 = 0.96 (CIFAR shape, scale 0.01).
/// </summary>
public class RaySearchTests
{
    static readonly TwoClassLinearScenario Scenario = new(TinyImages.Cifar, seed: 1);
    static readonly RaySearch Attack = new(new RaySearchSettings());

    [Test]
    public void Attack_ServerAsPrior_FoolsAtTheFirstProbeForOneQuery()
    {
        using var scope = NewDisposeScope();
        var server = Scenario.Server();
        var (images, labels) = Scenario.Images(new[] { 0.5, 0.9, 0.3 }, new[] { 1L, 0L, 1L }, seed: 2);
        var oracle = new CountingLabelQueryOracle(server, 3, budget: 100, roundToEightBits: false);

        using var result = Attack.Attack(oracle, images, labels, prior: server, keepAdversarialImages: true);

        result.Outcomes.Should().AllSatisfy(o =>
        {
            o.Fooled.Should().BeTrue();
            o.QueriesCharged.Should().Be(1, "the clean image is uncharged; the probe at eps along the prior's sign fools");
            o.ImagesSent.Should().Be(2);
        });
        using (no_grad()) server.forward(result.AdversarialImages!).argmax(1).data<long>().ToArray().Should().Equal(0, 1, 0);
    }

    [Test]
    public void Attack_MarginBeyondEps_SpendsTheWholeBudgetAndNeverMore()
    {
        using var scope = NewDisposeScope();
        var server = Scenario.Server();
        var (images, labels) = Scenario.Images(new[] { 2.0 }, new[] { 1L }, seed: 3);
        var oracle = new CountingLabelQueryOracle(server, 1, budget: 60, roundToEightBits: false);

        using var result = Attack.Attack(oracle, images, labels, prior: server, keepAdversarialImages: true);

        var outcome = result.Outcomes.Single();
        outcome.Fooled.Should().BeFalse("no l-inf perturbation of 8/255 removes a margin of 2 from a linear model whose best one removes 0.96");
        outcome.QueriesCharged.Should().Be(60);
        outcome.Iterations.Should().BeGreaterThan(1);
        var distance = (result.AdversarialImages! - images).abs().max().item<float>();
        distance.Should().BeLessThanOrEqualTo((float)(8.0 / 255) + 1e-6f);
    }

    [Test]
    public void Attack_NoPrior_IsDeterministicStaysInTheBallAndCountsEveryQuery()
    {
        using var scope = NewDisposeScope();
        var server = Scenario.Server();
        var (images, labels) = Scenario.Images(new[] { 0.3, 0.6, 1.5 }, new[] { 1L, 0L, 1L }, seed: 4);
        QueryAttackResult Run() => Attack.Attack(new CountingLabelQueryOracle(server, 3, 300, roundToEightBits: true), images, labels, prior: null, keepAdversarialImages: true);

        using var first = Run();
        using var second = Run();

        first.Outcomes.Should().Equal(second.Outcomes);
        first.Outcomes.Should().AllSatisfy(o => o.QueriesCharged.Should().Be(o.ImagesSent - 1).And.BeLessThanOrEqualTo(300));
        first.Outcomes[2].Fooled.Should().BeFalse();
        first.Outcomes.Where(o => !o.Fooled).Should().AllSatisfy(o => o.QueriesCharged.Should().Be(300));
        (first.AdversarialImages! - images).abs().max().item<float>().Should().BeLessThanOrEqualTo((float)(8.0 / 255) + 1e-6f);
        first.AdversarialImages!.min().item<float>().Should().BeGreaterThanOrEqualTo(0);
    }

    [Test]
    public void Attack_MisclassifiedCleanImage_IsSkippedAfterItsOneEvaluation()
    {
        using var scope = NewDisposeScope();
        var server = Scenario.Server();
        var (images, labels) = Scenario.Images(new[] { 0.5 }, new[] { 1L }, seed: 2);
        var oracle = new CountingLabelQueryOracle(server, 1, 100, roundToEightBits: false);

        using var result = Attack.Attack(oracle, images, tensor(new[] { 0L }), prior: server);

        result.Outcomes.Single().Should().Be(new QueryAttackOutcome(0, Skipped: true, Fooled: false, QueriesCharged: 0, ImagesSent: 1, Iterations: 0));
    }
}
