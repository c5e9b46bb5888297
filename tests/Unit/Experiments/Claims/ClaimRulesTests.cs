using Repro.Experiments.Claims;
using Repro.Metrics;

namespace Repro.Unit.Experiments.Claims;

public class ClaimRulesTests
{
    static MetricValue V(params double[] seeds) => MetricValue.FromSeeds(seeds);

    [Test]
    public void AtLeast_UsesMeanMinusStd()
    {
        ClaimRules.AtLeast(V(0.95, 0.95), 0.9).Should().BeTrue();
        ClaimRules.AtLeast(V(0.99, 0.85), 0.9).Should().BeFalse("mean 0.92 minus std 0.099 is below 0.9");
    }

    [Test]
    public void Above_RequiresNonOverlappingIntervals()
    {
        ClaimRules.Above(V(10, 12), V(5, 6)).Should().BeTrue();
        ClaimRules.Above(V(10, 14), V(9, 11)).Should().BeFalse("the spreads overlap");
        ClaimRules.Above(V(40), V(10), margin: 30).Should().BeFalse("the margin must be exceeded");
        ClaimRules.Above(V(41), V(10), margin: 30).Should().BeTrue();
    }

    [Test]
    public void TimesBelow_ComparesTheWorstEnds()
    {
        ClaimRules.TimesBelow(V(14), V(3000), 10).Should().BeTrue();
        ClaimRules.TimesBelow(V(300), V(2900), 10).Should().BeFalse();
    }
}
