using Repro.Metrics;

namespace Repro.Unit.Metrics;

public class AccuracyDropTests
{
    [Test]
    public void Points_IsCleanMinusUnderAttack() => AccuracyDrop.Points(92, 31).Should().Be(61);

    [Test]
    public void Points_ExamplesThatHelpTheModel_AreANegativeDrop() => AccuracyDrop.Points(60, 62.5).Should().Be(-2.5);

    [TestCase(double.NaN, 10)]
    [TestCase(50, 101)]
    [TestCase(-1, 10)]
    public void Points_NotAPercentage_ThrowsNamingIt(double clean, double underAttack) =>
        FluentActions.Invoking(() => AccuracyDrop.Points(clean, underAttack))
            .Should().Throw<ArgumentException>().WithMessage("accuracy drop: * is *; an accuracy is a percentage in 0..100*");
}
