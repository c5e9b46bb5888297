using Repro.Data;

namespace Repro.Unit.Data;

public class SplitMix64Tests
{
    [Test]
    public void NextUInt64_Seed1234567_MatchesTheReferenceImplementation()
    {
        // The first outputs of Vigna's splitmix64.c seeded with 1234567.
        var random = new SplitMix64(1234567);

        Enumerable.Range(0, 5).Select(_ => random.NextUInt64()).Should()
            .Equal(6457827717110365317UL, 3203168211198807973UL, 9817491932198370423UL, 4593380528125082431UL, 16408922859458223821UL);
    }

    [Test]
    public void NextInt_StaysInRangeAndHitsEveryValue()
    {
        var random = new SplitMix64(1);

        var values = Enumerable.Range(0, 2000).Select(_ => random.NextInt(9)).ToList();

        values.Should().OnlyContain(v => v >= 0 && v < 9);
        values.Distinct().Should().HaveCount(9);
    }

    [Test]
    public void ForStream_DifferentKeys_GiveDifferentStreams()
    {
        ulong First(long seed, params long[] keys) => SplitMix64.ForStream(seed, keys).NextUInt64();

        new[] { First(1), First(1, 0), First(1, 1), First(1, 0, 1), First(1, 1, 0), First(2, 0) }.Should().OnlyHaveUniqueItems();
        First(1, 3, 4).Should().Be(First(1, 3, 4));
    }

    [Test]
    public void Shuffle_IsAPermutation()
    {
        var items = Enumerable.Range(0, 100).ToList();

        new SplitMix64(5).Shuffle(items);

        items.Should().BeEquivalentTo(Enumerable.Range(0, 100)).And.NotBeInAscendingOrder();
    }
}
