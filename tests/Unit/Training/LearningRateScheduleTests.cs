using Repro.Training;

namespace Repro.Unit.Training;

public class LearningRateScheduleTests
{
    [Test]
    public void At_Linear_WarmsUpThenFallsLinearlyToZero()
    {
        // 10 epochs of 10 steps, 2 warm-up epochs: the triangle of the fast recipes rises over steps 0-19, then falls over 20-100.
        var schedule = new LearningRateSchedule(new TrainingSettings { Epochs = 10, LearningRate = 0.4, Schedule = "linear", WarmupEpochs = 2 }, 10);

        schedule.At(0).Should().BeApproximately(0.02, 1e-12);
        schedule.At(9).Should().BeApproximately(0.2, 1e-12);
        schedule.At(19).Should().BeApproximately(0.4, 1e-12);
        schedule.At(20).Should().BeApproximately(0.4, 1e-12);
        schedule.At(60).Should().BeApproximately(0.2, 1e-12);
        schedule.At(99).Should().BeApproximately(0.4 / 80, 1e-12);
        schedule.At(100).Should().BeApproximately(0, 1e-12);
        schedule.At(150).Should().Be(0, "a step past the end (a resumed run's extra step) stays at zero");
    }

    [Test]
    public void At_Linear_FallsEveryStepAfterTheWarmup()
    {
        var schedule = new LearningRateSchedule(new TrainingSettings { Epochs = 30, LearningRate = 0.4, Schedule = "linear", WarmupEpochs = 6 }, 98);
        var rates = Enumerable.Range(0, 30 * 98).Select(step => schedule.At(step)).ToList();

        rates.Take(6 * 98).Should().BeInAscendingOrder();
        rates.Skip(6 * 98).Should().BeInDescendingOrder().And.OnlyContain(r => r > 0);
        rates.Max().Should().BeApproximately(0.4, 1e-12);
    }

    [Test]
    public void At_LinearWithoutWarmup_StartsAtThePeak()
    {
        var schedule = new LearningRateSchedule(new TrainingSettings { Epochs = 4, LearningRate = 0.1, Schedule = "linear", WarmupEpochs = 0 }, 5);

        schedule.At(0).Should().BeApproximately(0.1, 1e-12);
        schedule.At(10).Should().BeApproximately(0.05, 1e-12);
    }

    [Test]
    public void Constructor_UnknownSchedule_NamesTheKnownOnes()
    {
        var act = () => new LearningRateSchedule(new TrainingSettings { Schedule = "onecycle" }, 10);

        act.Should().Throw<ArgumentException>().WithMessage("*'onecycle'*'cosine', 'linear' or 'constant'*");
    }
}
