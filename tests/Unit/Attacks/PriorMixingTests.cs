using Repro.Attacks;

namespace Repro.Unit.Attacks;

public class PriorMixingTests
{
    [Test]
    public void Parse_Optimal_IsTheReferenceBiasedMethod() => PriorMixing.Parse("optimal").IsOptimal.Should().BeTrue();

    [Test]
    public void Parse_Number_IsAFixedLambda() => PriorMixing.Parse("0.5").FixedLambda.Should().Be(0.5);

    [TestCase("1.5")]
    [TestCase("-0.1")]
    [TestCase("best")]
    [TestCase("0,5")]
    public void Parse_Invalid_ThrowsNamingTheSetting(string text) =>
        FluentActions.Invoking(() => PriorMixing.Parse(text)).Should().Throw<ArgumentException>().WithMessage("*QueryAttackSettings.Lambda*");
}
