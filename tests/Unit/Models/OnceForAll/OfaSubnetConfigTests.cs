using Repro.Models.OnceForAll;

namespace Repro.Unit.Models.OnceForAll;

public class OfaSubnetConfigTests
{
    [Test]
    public void ArchitecturalDifference_PaperExample_IsFive()
    {
        // §IV-D: "the difference between the OFA (4, 6, 7) and OFA (2, 3, 7) models is ... = 5".
        OfaSubnetConfig.ArchitecturalDifference(new(4, 6, 7), new(2, 3, 7)).Should().Be(5);
        OfaSubnetConfig.ArchitecturalDifference(new(2, 3, 7), new(4, 6, 7)).Should().Be(5);
        OfaSubnetConfig.ArchitecturalDifference(OfaSubnetConfig.Largest, OfaSubnetConfig.Largest).Should().Be(0);
        OfaSubnetConfig.ArchitecturalDifference(OfaSubnetConfig.Largest, OfaSubnetConfig.Smallest).Should().Be(2 + 3 + 4);
    }

    [Test]
    public void ToString_PrintsTheTripleAsTableOne()
    {
        new OfaSubnetConfig(4, 6, 3).ToString().Should().Be("(4, 6, 3)");
        new OfaSubnetSpec(OfaSpec.ImageNet, OfaSubnetConfig.Largest).DisplayName.Should().Be("OFA (4, 6, 7)");
    }

    [TestCase(1, 6, 7)]
    [TestCase(4, 5, 7)]
    [TestCase(4, 6, 9)]
    public void Constructor_ValueOutsideTheSupernet_Throws(int d, int e, int k)
    {
        var act = () => new OfaSubnetConfig(d, e, k);
        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Test]
    public void All_HasTwentySevenDistinctSubnets() =>
        OfaSubnetConfig.All().Distinct().Should().HaveCount(27);
}
