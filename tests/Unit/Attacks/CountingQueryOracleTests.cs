using Repro.Attacks;
using Repro.Unit.Fakes;
using static TorchSharp.torch;

namespace Repro.Unit.Attacks;

public class CountingQueryOracleTests
{
    static readonly Repro.Models.InputShape Shape = TinyImages.Shape(1, 2, 2);

    static CountingQueryOracle Oracle(QueryAttackSettings settings, int samples = 3) =>
        new(TinyImages.RandomLinear(4, Shape, seed: 1), samples, settings);

    [Test]
    public void Scores_TaggedImages_CountsPerSampleAndReturnsSoftmax()
    {
        using var scope = NewDisposeScope();
        var oracle = Oracle(new QueryAttackSettings());

        var scores = oracle.Scores(TinyImages.Uniform(5, Shape, 2), new[] { 0, 2, 2, 0, 2 });

        oracle.ImagesSent.Should().Equal(2, 0, 3);
        oracle.QueriesCharged.Should().Equal(2, 0, 3);
        scores.shape.Should().Equal(5, 4);
        scores.sum(1).data<float>().ToArray().Should().OnlyContain(s => Math.Abs(s - 1) < 1e-5);
    }

    [Test]
    public void ScoresOfClean_ReferenceAccounting_SentButNotCharged()
    {
        using var scope = NewDisposeScope();
        var oracle = Oracle(new QueryAttackSettings());

        oracle.ScoresOfClean(TinyImages.Uniform(3, Shape, 3), new[] { 0, 1, 2 });

        oracle.ImagesSent.Should().Equal(1, 1, 1);
        oracle.QueriesCharged.Should().Equal(0, 0, 0);
    }

    [Test]
    public void ScoresOfClean_ChargeInitialQuery_ChargesOne()
    {
        using var scope = NewDisposeScope();
        var oracle = Oracle(new QueryAttackSettings { ChargeInitialQuery = true });

        oracle.ScoresOfClean(TinyImages.Uniform(2, Shape, 4), new[] { 1, 2 });

        oracle.QueriesCharged.Should().Equal(0, 1, 1);
        oracle.ImagesSent.Should().Equal(0, 1, 1);
    }

    [Test]
    public void ScoresOfClean_AfterOtherQueries_Throws()
    {
        using var scope = NewDisposeScope();
        var oracle = Oracle(new QueryAttackSettings());
        oracle.Scores(TinyImages.Uniform(1, Shape, 5), new[] { 1 });

        FluentActions.Invoking(() => oracle.ScoresOfClean(TinyImages.Uniform(1, Shape, 5), new[] { 1 }))
            .Should().Throw<InvalidOperationException>().WithMessage("*sample 1*first query*");
    }

    [Test]
    public void Scores_PastTheBudget_RefusesNamingSampleAndCountsAndCountsNothing()
    {
        using var scope = NewDisposeScope();
        var oracle = Oracle(new QueryAttackSettings { QueryBudget = 4 });
        oracle.Scores(TinyImages.Uniform(3, Shape, 6), new[] { 1, 1, 1 });

        FluentActions.Invoking(() => oracle.Scores(TinyImages.Uniform(3, Shape, 7), new[] { 0, 1, 1 }))
            .Should().Throw<QueryBudgetExceededException>()
            .Where(e => e.Sample == 1 && e.Charged == 3 && e.Requested == 2 && e.Budget == 4)
            .WithMessage("sample 1: 3 queries already charged, this call would add 2*budget of 4*");
        oracle.ImagesSent.Should().Equal(0, 3, 0);
        oracle.QueriesCharged.Should().Equal(0, 3, 0);

        oracle.Scores(TinyImages.Uniform(1, Shape, 8), new[] { 1 });
        oracle.QueriesCharged.Should().Equal(0, 4, 0);
    }

    [Test]
    public void Scores_SmallOracleBatches_SameScoresAsOneBatch()
    {
        using var scope = NewDisposeScope();
        var images = TinyImages.Uniform(7, Shape, 9);
        var tags = new[] { 0, 0, 1, 1, 2, 2, 2 };

        var whole = Oracle(new QueryAttackSettings()).Scores(images, tags);
        var chunked = Oracle(new QueryAttackSettings { OracleBatchSize = 3 }).Scores(images, tags);

        // Another chunking may run other kernels: equal up to float32 rounding, not bit for bit.
        (chunked - whole).abs().max().item<float>().Should().BeLessThan(1e-6f);
    }

    [Test]
    public void Scores_UnknownTagOrShapeMismatch_Throws()
    {
        using var scope = NewDisposeScope();
        var oracle = Oracle(new QueryAttackSettings());
        var images = TinyImages.Uniform(2, Shape, 10);

        FluentActions.Invoking(() => oracle.Scores(images, new[] { 0, 3 })).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => oracle.Scores(images, new[] { 0 })).Should().Throw<ArgumentException>();
    }
}
