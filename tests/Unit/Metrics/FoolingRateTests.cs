using Repro.Attacks;
using Repro.Metrics;

namespace Repro.Unit.Metrics;

public class FoolingRateTests
{
    [Test]
    public void Compute_SkippedSamples_LeftOutOfTheDenominator()
    {
        var outcomes = new[]
        {
            new QueryAttackOutcome(0, Skipped: true, Fooled: false, 0, 1, 0),
            new QueryAttackOutcome(1, Skipped: false, Fooled: true, 12, 13, 1),
            new QueryAttackOutcome(2, Skipped: false, Fooled: false, 4000, 4001, 363),
            new QueryAttackOutcome(3, Skipped: false, Fooled: true, 28, 29, 4),
            new QueryAttackOutcome(4, Skipped: false, Fooled: true, 100, 101, 9),
        };

        FoolingRate.Compute(outcomes).Should().Be(75);
    }

    [Test]
    public void Compute_NothingAttacked_ThrowsSayingWhy() =>
        FluentActions.Invoking(() => FoolingRate.Compute(new[] { new QueryAttackOutcome(0, true, false, 0, 1, 0) }))
            .Should().Throw<ArgumentException>().WithMessage("*none of the 1 samples was attacked*");
}
