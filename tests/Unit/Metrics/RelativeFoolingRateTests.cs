using Repro.Metrics;

namespace Repro.Unit.Metrics;

public class RelativeFoolingRateTests
{
    [Test]
    public void Compute_TransferEqualsWhiteBox_IsExactlyOne() =>
        RelativeFoolingRate.Compute(91.0, 3.7, 3.7).Should().Be(1.0);

    [Test]
    public void Compute_PaperFormula_RatioOfAccuracyDrops() =>
        // (A(S) - A(S^o)) / (A(S) - A(S^s)) = (90 - 72) / (90 - 30).
        RelativeFoolingRate.Compute(90, 72, 30).Should().BeApproximately(0.3, 1e-12);

    [Test]
    public void Compute_TransferRaisesAccuracy_IsNegative() =>
        RelativeFoolingRate.Compute(80, 85, 20).Should().BeApproximately(-5.0 / 60, 1e-12);

    [TestCase(50, 40, 50)]
    [TestCase(50, 40, 60)]
    public void Compute_ZeroOrNegativeDenominator_ThrowsWithExplanation(double clean, double transfer, double whiteBox) =>
        FluentActions.Invoking(() => RelativeFoolingRate.Compute(clean, transfer, whiteBox))
            .Should().Throw<ArithmeticException>()
            .WithMessage("RFR is undefined: the white-box attack on the server did not lower its accuracy*" +
                         $"A(f_s, S) = {clean}, A(f_s, S^o) = {transfer}, A(f_s, S^s) = {whiteBox}*");

    [TestCase(double.NaN, 1, 0)]
    [TestCase(1, double.PositiveInfinity, 0)]
    [TestCase(1, 0, double.NegativeInfinity)]
    public void Compute_NonFiniteAccuracy_Throws(double clean, double transfer, double whiteBox) =>
        FluentActions.Invoking(() => RelativeFoolingRate.Compute(clean, transfer, whiteBox)).Should().Throw<ArgumentException>();

    [Test]
    public void Direction_HigherIsMoreVulnerable() => Metric.RfrFgsm.Direction.Should().Be(MetricDirection.HigherIsMoreVulnerable);
}
