using Repro.Metrics;

namespace Repro.Unit.Metrics;

public class PearsonCorrelationTests
{
    [Test]
    public void Of_PerfectLinearRelations_AreOneAndMinusOne()
    {
        PearsonCorrelation.Of(new[] { 0.1, 0.5, 0.9 }, new[] { 1.0, 3.0, 5.0 }).Should().BeApproximately(1, 1e-12);
        PearsonCorrelation.Of(new[] { 0.1, 0.5, 0.9 }, new[] { 5.0, 3.0, 1.0 }).Should().BeApproximately(-1, 1e-12);
    }

    [Test]
    public void Of_KnownValue()
    {
        // x = 1..4, y = 2, 1, 4, 3: deviations ±0.5, ±1.5, sxy = 3, sxx = syy = 5, r = 0.6.
        PearsonCorrelation.Of(new double[] { 1, 2, 3, 4 }, new double[] { 2, 1, 4, 3 }).Should().BeApproximately(0.6, 1e-12);
    }

    [Test]
    public void Of_TooFewOrConstant_IsUndefined()
    {
        PearsonCorrelation.Of(new[] { 1.0, 2.0 }, new[] { 1.0, 2.0 }).Should().BeNull();
        PearsonCorrelation.Of(new[] { 1.0, 1.0, 1.0 }, new[] { 1.0, 2.0, 3.0 }).Should().BeNull();
    }
}
