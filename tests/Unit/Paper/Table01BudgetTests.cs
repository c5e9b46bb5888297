using Repro.Harness;
using Repro.Paper;
using Repro.Profiles;
using Repro.Reporting;

namespace Repro.Unit.Paper;

public class Table01BudgetTests
{
    /// <summary>A Table I where the server is 50% accurate and every row costs 110 queries per attacked sample.</summary>
    static PaperBaseline RoundPaper()
    {
        var lines = new List<string> { string.Join(",", PaperBaseline.Header), "cifar10/as-is,g,cifar10/as-is,accuracy,50,,3," };
        lines.AddRange(Table01_OnDevicePriors.CifarRows.Select(r => $"{r.Id},g,{r.Id},queries,110,,50%,"));
        return PaperBaseline.Parse(string.Join("\n", lines) + "\n", "round.csv", nameof(Table01_OnDevicePriors));
    }

    [Test]
    public void Estimate_RoundNumbers_AddsTrainingQueriesAndPriorGradientsOverSeeds()
    {
        var fast = FastProfile.Create();
        var profile = fast with { Seeds = new[] { 0, 1 }, Training = fast.Training with { Epochs = 3, BatchSize = 500 } };

        var budget = Table01Budget.Estimate(profile, trainImages: 1000, RoundPaper(), _ => 0.5, serverImagesPerSecond: 1000, _ => 100);

        // Per seed: 7 trainings x 3 epochs x 2 steps x 0.5 s; 1000 x 50% attacked samples x 10 rows x 110 queries at 1000/s;
        // 9 rows with a prior x 500 samples x 110 / (q + 1 = 11) gradients at 100/s.
        budget.TrainingSeconds.Should().BeApproximately(2 * 21, 1e-9);
        budget.QuerySeconds.Should().BeApproximately(2 * 550, 1e-9);
        budget.PriorSeconds.Should().BeApproximately(2 * 450, 1e-9);
        budget.Describe().Should().Be("training 42 s + P-RGF server queries 18 min + prior gradients 15 min = 34 min (2 seeds)");
    }

    [Test]
    public void PriorOf_EveryCifarRow_IsKnown()
    {
        var profile = FastProfile.Create();

        Table01_OnDevicePriors.CifarRows.Where(r => Table01Budget.PriorOf(r.Id, profile) is null).Select(r => r.Id)
            .Should().Equal("cifar10/no-prior");
    }

    [Test]
    public void Estimate_ThePapersOwnTable_Loads()
    {
        var paper = PaperBaseline.Load(Path.Combine(RepositoryPaths.Discover().PaperBaselines, nameof(Table01_OnDevicePriors) + ".csv"));

        var budget = Table01Budget.Estimate(FastProfile.Create(), 50000, paper, _ => 0.1, 10000, _ => 1000);

        budget.TotalSeconds.Should().BePositive();
    }
}
