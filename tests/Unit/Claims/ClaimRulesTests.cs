using Repro.Metrics;
using Repro.Claims;

namespace Repro.Unit.Claims;

public class ClaimRulesTests
{
    static MetricValue V(params double[] seeds) => MetricValue.FromSeeds(seeds);

    static MetricValue OneSeed(double value, double sigma) => MetricValue.Single(value) with { Uncertainty = sigma, UncertaintySeeds = 5 };

    [Test]
    public void Value_OfAColumnTheProfileLeftOut_SaysWhyItIsMissing()
    {
        var row = Repro.Unit.Reporting.FakeResults.Row("cifar10/nas-nasnet", "NAS", ("rfr_fgsm", V(0.5))) with
        {
            Details = new Dictionary<string, string> { [Repro.Reporting.ResultRow.NotMeasuredDetail] = "P-RGF not run: this profile trims it" },
        };
        var result = Repro.Unit.Reporting.FakeResults.Result("Table13_RobustServerPriors", "mini", new[] { row });

        ClaimRules.Value(result, "cifar10/nas-nasnet", Metric.RfrFgsm).Mean.Should().Be(0.5);
        FluentActions.Invoking(() => ClaimRules.Value(result, "cifar10/nas-nasnet", Metric.FoolingRate))
            .Should().Throw<MissingMeasurementException>().WithMessage("*has no 'fooling_rate'*P-RGF not run: this profile trims it*");
    }

    [Test]
    public void AtLeast_JudgesTwoStandardErrorsOfTheMean()
    {
        // mean 0.95, std 0.01 over 4 seeds: u = 0.005, so 0.94..0.96 at two u.
        ClaimRules.AtLeast(V(0.94, 0.96, 0.94, 0.96), 0.9).Should().Be(Judgement.Holds);
        ClaimRules.AtLeast(V(0.94, 0.96, 0.94, 0.96), 0.99).Should().Be(Judgement.Fails);
        ClaimRules.AtLeast(V(0.94, 0.96, 0.94, 0.96), 0.955).Should().Be(Judgement.Inconclusive, "0.955 lies inside 0.95 ± 2u");
    }

    [Test]
    public void AtLeast_OneSeedWithMeasuredSpread_UsesThatSpread()
    {
        ClaimRules.AtLeast(OneSeed(0.85, 0.03), 0.9).Should().Be(Judgement.Inconclusive, "0.9 lies within 0.85 ± 0.06");
        ClaimRules.AtLeast(OneSeed(0.85, 0.01), 0.9).Should().Be(Judgement.Fails, "0.85 + 0.02 is still below 0.9");
        ClaimRules.AtLeast(OneSeed(0.95, 0.01), 0.9).Should().Be(Judgement.Holds);
    }

    [Test]
    public void AtLeast_OneSeedWithoutSpread_IsAPointComparison()
    {
        ClaimRules.AtLeast(V(0.9), 0.9).Should().Be(Judgement.Holds);
        ClaimRules.AtLeast(V(0.899), 0.9).Should().Be(Judgement.Fails);
    }

    [Test]
    public void Above_CombinesBothUncertaintiesAndTheMargin()
    {
        ClaimRules.Above(OneSeed(10, 1), OneSeed(5, 1)).Should().Be(Judgement.Holds, "5 > 2·√2");
        ClaimRules.Above(OneSeed(10, 2), OneSeed(8, 2)).Should().Be(Judgement.Inconclusive);
        ClaimRules.Above(OneSeed(8, 0.5), OneSeed(10, 0.5)).Should().Be(Judgement.Fails);
        ClaimRules.Above(V(40), V(10), margin: 30).Should().Be(Judgement.Fails, "the margin must be exceeded");
        ClaimRules.Above(V(41), V(10), margin: 30).Should().Be(Judgement.Holds);
    }

    [Test]
    public void DifferenceAtMost_BoundsTheGap()
    {
        ClaimRules.DifferenceAtMost(OneSeed(64, 0.2), OneSeed(63, 0.2), 2).Should().Be(Judgement.Holds);
        ClaimRules.DifferenceAtMost(OneSeed(64, 0.5), OneSeed(55, 0.5), 2).Should().Be(Judgement.Fails);
        ClaimRules.DifferenceAtMost(OneSeed(64, 1), OneSeed(62, 1), 2).Should().Be(Judgement.Inconclusive);
    }

    [Test]
    public void TimesBelow_ComparesTheWorstEnds()
    {
        ClaimRules.TimesBelow(V(14), V(3000), 10).Should().Be(Judgement.Holds);
        ClaimRules.TimesBelow(V(300), V(2900), 10).Should().Be(Judgement.Fails);
        ClaimRules.TimesBelow(OneSeed(280, 20), OneSeed(2900, 100), 10).Should().Be(Judgement.Inconclusive);
    }

    [Test]
    public void AtLeastTimes_JudgesTheDifferenceWithBothUncertaintiesScaled()
    {
        ClaimRules.AtLeastTimes(OneSeed(0.40, 0.02), OneSeed(0.15, 0.01), 2).Should().Be(Judgement.Holds, "0.40 − 0.30 > 2·√(0.02² + 0.02²)");
        ClaimRules.AtLeastTimes(OneSeed(0.37, 0.06), OneSeed(0.18, 0.02), 2).Should().Be(Judgement.Inconclusive, "0.01 lies within 2·0.072");
        ClaimRules.AtLeastTimes(OneSeed(0.20, 0.02), OneSeed(0.15, 0.01), 2).Should().Be(Judgement.Fails);
        ClaimRules.AtLeastTimes(V(199), V(300), 1 / 1.5).Should().Be(Judgement.Fails, "199 < 300 / 1.5, with no spread");
        ClaimRules.AtLeastTimes(V(201), V(300), 1 / 1.5).Should().Be(Judgement.Holds);
    }
}
