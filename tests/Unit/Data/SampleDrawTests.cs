using Repro.Data;

namespace Repro.Unit.Data;

public class SampleDrawTests
{
    [Test]
    public void Draw_SameArguments_SameSortedDistinctIndices()
    {
        long[] first = SampleDraw.Draw(10_000, 1000, seed: 2023);

        first.Should().Equal(SampleDraw.Draw(10_000, 1000, seed: 2023));
        first.Should().HaveCount(1000).And.OnlyHaveUniqueItems().And.BeInAscendingOrder();
        first.Should().OnlyContain(i => i >= 0 && i < 10_000);
    }

    [Test]
    public void Draw_Seed2023_IsPinned()
    {
        // Pinned so that a change of generator, which would silently change every attacked sample, fails here.
        SampleDraw.Draw(10_000, 1000, seed: 2023).Take(8).Should().Equal(2, 25, 35, 48, 52, 72, 75, 77);
    }

    [Test]
    public void Draw_OtherSeed_OtherIndices()
    {
        SampleDraw.Draw(10_000, 1000, seed: 1).Should().NotEqual(SampleDraw.Draw(10_000, 1000, seed: 2));
    }

    [Test]
    public void Remainder_IsTheSortedComplementOfTheDraw()
    {
        long[] drawn = SampleDraw.Draw(500, 120, seed: 3);
        long[] rest = SampleDraw.Remainder(500, 120, seed: 3);

        rest.Should().HaveCount(380).And.BeInAscendingOrder().And.NotIntersectWith(drawn);
        drawn.Concat(rest).Order().Should().Equal(Enumerable.Range(0, 500).Select(i => (long)i));
    }

    [Test]
    public void Draw_AllSamples_ReturnsEveryIndex()
    {
        SampleDraw.Draw(5, 5, seed: 9).Should().Equal(0, 1, 2, 3, 4);
    }

    [Test]
    public void Draw_MoreThanAvailable_ThrowsSayingHowManyThereAre()
    {
        var draw = () => SampleDraw.Draw(100, 101, seed: 0);

        draw.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*between 0 and the 100 samples available*");
    }
}
