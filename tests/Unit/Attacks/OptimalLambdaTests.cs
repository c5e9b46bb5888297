using Repro.Attacks;

namespace Repro.Unit.Attacks;

public class OptimalLambdaTests
{
    const long Cifar = 3 * 32 * 32;

    [TestCase(Cifar, 10, 0.078, 0.018)]
    [TestCase(Cifar, 50, 0.177, 0.018)]
    [TestCase(784L, 10, 0.154, 0.035)]
    [TestCase(150528L, 10, 0.011, 0.003)]
    public void Thresholds_MatchPaperNotesTable(long dimension, int q, double upperAlpha, double lowerAlpha)
    {
        // PAPER-NOTES §3.5: lambda* = 1 for alpha >= sqrt((2q - 1) / (D + 2q - 2)), 0 for alpha <= sqrt(1 / (D + 2q - 2)).
        Math.Sqrt(OptimalLambda.UpperThreshold(dimension, q)).Should().BeApproximately(upperAlpha, 5e-4);
        Math.Sqrt(OptimalLambda.LowerThreshold(dimension, q)).Should().BeApproximately(lowerAlpha, 5e-4);
    }

    [TestCase(Cifar, 10)]
    [TestCase(Cifar, 50)]
    [TestCase(784L, 10)]
    [TestCase(150528L, 10)]
    public void Compute_AtBothBoundaries_IsContinuous(long dimension, int q)
    {
        double lower = Math.Sqrt(OptimalLambda.LowerThreshold(dimension, q));
        double upper = Math.Sqrt(OptimalLambda.UpperThreshold(dimension, q));
        const double nudge = 1e-9;

        OptimalLambda.Compute(lower * (1 - nudge), dimension, q).Should().Be(0);
        OptimalLambda.Compute(lower * (1 + nudge), dimension, q).Should().BeApproximately(0, 1e-6);
        OptimalLambda.Compute(upper * (1 - nudge), dimension, q).Should().BeApproximately(1, 1e-6);
        OptimalLambda.Compute(upper * (1 + nudge), dimension, q).Should().Be(1);
    }

    [Test]
    public void Compute_Interior_IncreasesFromZeroToOne()
    {
        double lower = Math.Sqrt(OptimalLambda.LowerThreshold(Cifar, 10));
        double upper = Math.Sqrt(OptimalLambda.UpperThreshold(Cifar, 10));
        var lambdas = Enumerable.Range(1, 99).Select(i => OptimalLambda.Compute(lower + (upper - lower) * i / 100, Cifar, 10)).ToArray();

        lambdas.Should().OnlyContain(l => l > 0 && l < 1);
        lambdas.Should().BeInAscendingOrder();
    }

    [Test]
    public void Compute_PerfectPrior_FollowsThePriorAlone() => OptimalLambda.Compute(1, Cifar, 10).Should().Be(1);

    [Test]
    public void Compute_NaN_Throws() =>
        FluentActions.Invoking(() => OptimalLambda.Compute(double.NaN, Cifar, 10)).Should().Throw<ArgumentException>();
}
