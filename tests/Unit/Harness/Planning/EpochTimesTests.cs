using Repro.Harness.Planning;
using Repro.Models;

namespace Repro.Unit.Harness.Planning;

public class EpochTimesTests
{
    DirectoryInfo root = null!;
    [SetUp] public void Create() => root = Directory.CreateTempSubdirectory("epochtimes-");
    [TearDown] public void Delete() => root.Delete(recursive: true);

    [Test]
    public void ToCsvLoad_RoundTripsEveryRow_AndQuotesASourceWithCommas()
    {
        var times = new EpochTimes(new[]
        {
            new EpochTimes.Row("cpu-avx2-t1", EpochTimes.NetworkKey(ResNetSpec.ResNet50, 32), Pass.TrainWithInputGradientPenalty, 0.0123, 128, "2026-11-29T10:00Z", "measured here, 2 cores"),
        });
        string path = Path.Combine(root.FullName, "epoch-times.csv");
        File.WriteAllText(path, times.ToCsv());

        EpochTimes.Load(path).Rows.Should().Equal(times.Rows);
        File.ReadAllText(path).Should().Contain("train-with-input-gradient-penalty").And.Contain("\"measured here, 2 cores\"");
    }

    [Test]
    public void Load_APassItDoesNotKnow_NamesTheFileAndLine()
    {
        string path = Path.Combine(root.FullName, "epoch-times.csv");
        File.WriteAllText(path, EpochTimes.Header + "\ncpu,net,backward,0.1,128,then,here\n");

        var act = () => EpochTimes.Load(path);

        act.Should().Throw<InvalidDataException>().WithMessage($"'{path}', line 2: pass 'backward' is none of train, *");
    }

    [Test]
    public void With_AMeasuredRow_ReplacesTheRowOfTheSameDeviceNetworkAndPassOnly()
    {
        var old = PlanFixtures.Times();
        var fresh = old.Rows[0] with { SecondsPerImage = 2, Source = "again" };

        var merged = old.With(new[] { fresh });

        merged.Rows.Should().HaveCount(old.Rows.Count).And.Contain(fresh);
        merged.SecondsPerImage("cpu-test", fresh.Network, fresh.Pass).Should().Be(2);
    }

    [Test]
    public void Load_NoFile_IsAnEmptyTable() => EpochTimes.Load(Path.Combine(root.FullName, "absent.csv")).Rows.Should().BeEmpty();
}
