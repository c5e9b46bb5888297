using Repro.Reporting;

namespace Repro.Unit.Reporting;

public class ToleranceTests
{
    [TestCase("0.05", 0.05, false)]
    [TestCase("10", 10.0, false)]
    [TestCase("0", 0.0, false)]
    [TestCase("25%", 0.25, true)]
    [TestCase("50%", 0.5, true)]
    public void Parse_AbsoluteOrPercent_ReadsValueAndKind(string text, double value, bool relative)
    {
        var t = Tolerance.Parse(text);
        t.Value.Should().BeApproximately(value, 1e-12);
        t.IsRelative.Should().Be(relative);
        t.ToString().Should().Be(text);
    }

    [TestCase("abc")]
    [TestCase("-0.1")]
    [TestCase("NaN")]
    [TestCase("0%")]
    [TestCase("1e3")]
    [TestCase("")]
    public void Parse_Malformed_ThrowsSayingWhatWasExpected(string text)
    {
        var act = () => Tolerance.Parse(text);
        act.Should().Throw<FormatException>().WithMessage("*expected*");
    }

    [Test]
    public void Contains_RelativeBand_ScalesWithTheReference()
    {
        var t = Tolerance.Parse("50%");
        t.Contains(3047.2, 1600).Should().BeTrue();
        t.Contains(3047.2, 1500).Should().BeFalse();
        t.Contains(13.7, 20.5).Should().BeTrue();
        t.Contains(13.7, 20.6).Should().BeFalse();
    }

    [Test]
    public void Contains_EdgeOfBandFromPrintedDecimals_CountsAsInside()
    {
        // 0.9 - 0.1 is 0.8 in print but 0.80000000000000004 in binary.
        Tolerance.Parse("0.1").Contains(0.9, 0.8).Should().BeTrue();
        Tolerance.Parse("0.1").Contains(0.9, 1.0).Should().BeTrue();
        Tolerance.Parse("0.1").Contains(0.9, 0.7999).Should().BeFalse();
    }

    [Test]
    public void LowHigh_AbsoluteBand_AreReferencePlusMinusHalfWidth()
    {
        var t = Tolerance.Absolute(2);
        t.Low(91).Should().Be(89);
        t.High(91).Should().Be(93);
        t.Describe().Should().Be("± 2");
    }
}
