using Repro.Attacks;
using Repro.Unit.Fakes;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Unit.Attacks;

public class LinfBallTests
{
    const double Eps = 8.0 / 255;

    [Test]
    public void Project_RandomCandidates_StayInBallAndUnitRange()
    {
        using var scope = NewDisposeScope();
        var origin = TinyImages.Uniform(16, TinyImages.Shape(3, 8, 8), seed: 1);
        using var generator = new Generator(2);
        var candidate = origin + (randn(origin.shape, generator: generator) * 0.3);

        var projected = LinfBall.Project(candidate, origin, Eps);

        LinfAssert.InBallAndUnitRange(projected, origin, Eps);
    }

    [Test]
    public void Project_CandidateInsideBall_IsUnchanged()
    {
        using var scope = NewDisposeScope();
        var origin = full(new long[] { 1, 1, 2, 2 }, 0.5f);
        var candidate = origin + tensor(new[] { 0.01f, -0.02f, 0.03f, 0f }).view(1, 1, 2, 2);

        LinfBall.Project(candidate, origin, Eps).data<float>().ToArray()
            .Should().Equal(candidate.data<float>().ToArray());
    }

    [Test]
    public void Project_BeyondBoxAndRange_ClipsToNearestBound()
    {
        using var scope = NewDisposeScope();
        var origin = tensor(new[] { 0.5f, 0.01f, 0.99f, 0.5f }).view(1, 1, 2, 2);
        var candidate = tensor(new[] { 0.9f, -0.5f, 1.5f, 0.1f }).view(1, 1, 2, 2);

        var projected = LinfBall.Project(candidate, origin, Eps).data<float>().ToArray();

        projected.Should().BeEquivalentTo(new[] { 0.5f + (float)Eps, 0f, 1f, 0.5f - (float)Eps },
            o => o.Using<float>(c => c.Subject.Should().BeApproximately(c.Expectation, 1e-6f)).WhenTypeIs<float>());
    }

    [Test]
    public void Project_NegativeEpsilon_Throws()
    {
        using var scope = NewDisposeScope();
        var x = zeros(1, 1, 1, 1);
        FluentActions.Invoking(() => LinfBall.Project(x, x, -0.1)).Should().Throw<ArgumentOutOfRangeException>();
    }
}

/// <summary>The threat-model property every attack's output must satisfy (STYLE.md P3).</summary>
internal static class LinfAssert
{
    /// <summary>|x - x0| &lt;= eps (up to float32 rounding of x0 +- eps) and 0 &lt;= x &lt;= 1 exactly.</summary>
    public static void InBallAndUnitRange(Tensor adversarial, Tensor origin, double eps)
    {
        using var scope = NewDisposeScope();
        (adversarial - origin).abs().max().item<float>().Should().BeLessThanOrEqualTo((float)eps + 1e-6f);
        adversarial.min().item<float>().Should().BeGreaterThanOrEqualTo(0f);
        adversarial.max().item<float>().Should().BeLessThanOrEqualTo(1f);
    }
}
