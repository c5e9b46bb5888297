using Repro.Runtime;

namespace Repro.Unit.Runtime;

public class GcStressTests
{
    [TestCase(null, false)]
    [TestCase("", false)]
    [TestCase("0", false)]
    [TestCase("1", true)]
    public void IsRequested_ReadsOnAndOff(string? value, bool on) => GcStress.IsRequested(value).Should().Be(on);

    [TestCase("yes")]
    [TestCase("true")]
    [TestCase("2")]
    public void IsRequested_RefusesAnythingElseNamingTheVariable(string value) =>
        FluentActions.Invoking(() => GcStress.IsRequested(value)).Should().Throw<ArgumentException>().WithMessage($"*{GcStress.Variable}='{value}'*");

    [Test]
    public void Start_CollectsUntilDisposed()
    {
        long seen;
        using (var stress = GcStress.Start())
        {
            SpinWait.SpinUntil(() => stress.Collections > 3, TimeSpan.FromSeconds(10)).Should().BeTrue();
            seen = stress.Collections;
        }
        seen.Should().BeGreaterThan(3);
    }
}
