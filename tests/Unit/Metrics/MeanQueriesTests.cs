using Repro.Attacks;
using Repro.Metrics;

namespace Repro.Unit.Metrics;

public class MeanQueriesTests
{
    static readonly QueryAttackOutcome[] Mixed =
    {
        new(0, Skipped: true, Fooled: false, 0, 1, 0),
        new(1, Skipped: false, Fooled: true, 12, 13, 1),
        new(2, Skipped: false, Fooled: false, 3995, 3996, 362),   // stopped mid-iteration below the budget
        new(3, Skipped: false, Fooled: true, 28, 29, 4),
    };

    [Test]
    public void OverAttacked_FailuresCountedAtTheBudget() =>
        MeanQueries.OverAttacked(Mixed, 4000).Should().BeApproximately((12 + 4000 + 28) / 3.0, 1e-9);

    [Test]
    public void OverSuccesses_OnlyFooledSamples() => MeanQueries.OverSuccesses(Mixed).Should().Be(20);

    [Test]
    public void OverSuccesses_NoSuccess_IsNullNotNaN() =>
        MeanQueries.OverSuccesses(new[] { Mixed[0], Mixed[2] }).Should().BeNull();

    [Test]
    public void OverAttacked_CountAboveTheBudget_Throws() =>
        FluentActions.Invoking(() => MeanQueries.OverAttacked(new[] { new QueryAttackOutcome(0, false, true, 4001, 4002, 1) }, 4000))
            .Should().Throw<ArgumentException>().WithMessage("*budget was not enforced*");

    [Test]
    public void OverAttacked_NothingAttacked_Throws() =>
        FluentActions.Invoking(() => MeanQueries.OverAttacked(new[] { Mixed[0] }, 4000)).Should().Throw<ArgumentException>();
}
