using System.Reflection;
using Repro.Reporting;
using Repro.Harness;
using Repro.Paper;

namespace Repro.Unit.Paper;

/// <summary>STYLE.md P5: catalogs are explicit and self-checking.</summary>
public class CatalogConsistencyTests
{
    static readonly Assembly Repro = typeof(IExperiment).Assembly;
    static string Root => RepositoryPaths.FindRoot(AppContext.BaseDirectory) ?? throw new InvalidOperationException("tests run inside the repository");

    [Test]
    public void EveryExperimentType_IsInTheCatalog()
    {
        var types = Repro.GetTypes().Where(t => typeof(IExperiment).IsAssignableFrom(t) && !t.IsAbstract && !t.IsInterface).ToList();
        types.Should().NotBeEmpty();
        ExperimentCatalog.All.Select(e => e.GetType()).Should().BeEquivalentTo(types);
    }

    [Test]
    public void EveryExperiment_HasAPaperBaselineAndAPaperTableEntry()
    {
        foreach (var experiment in ExperimentCatalog.All)
        {
            File.Exists(Path.Combine(Root, "baselines", "paper", experiment.Name + ".csv")).Should().BeTrue($"{experiment.Name} needs baselines/paper/{experiment.Name}.csv");
            PaperTableCatalog.Find(experiment.Name).Should().NotBeNull($"{experiment.Name} needs a PaperTableCatalog entry for the report");
        }
    }

    [Test]
    public void EveryClaim_BelongsToItsExperimentAndHasAUniqueId()
    {
        foreach (var experiment in ExperimentCatalog.All)
        {
            experiment.Claims.Should().NotBeEmpty($"{experiment.Name} backs claims of the paper");
            experiment.Claims.Should().OnlyContain(c => c.Experiment == experiment.Name, $"{experiment.Name}'s claims name it");
            experiment.Claims.Select(c => c.Id).Should().OnlyHaveUniqueItems(experiment.Name);
        }
    }

    [Test]
    public void EveryExperiment_IsNamedForItsPaperTable()
    {
        foreach (var experiment in ExperimentCatalog.All)
            PaperTableCatalog.Get(experiment.Name).PaperReference.Should().Be(experiment.PaperReference, "one name per table through experiment, claims, baselines and report");
    }

    [Test]
    public void EveryExperiment_HasAMiniVerifiedSnapshotAndSeedSpread()
    {
        // The default CPU profile must never fall back to "not yet measured": each table is accepted and its spread measured.
        var spread = global::Repro.Reporting.Snapshots.SeedSpread.For(Path.Combine(Root, "baselines"), "mini");
        spread.Should().NotBeNull("baselines/mini/seed-spread.json gives the mini profile's numbers their uncertainty (repro spread --profile mini)");
        foreach (var experiment in ExperimentCatalog.All)
        {
            File.Exists(Path.Combine(Root, "baselines", "mini", experiment.Name + ".verified.json")).Should().BeTrue($"{experiment.Name} needs an accepted mini snapshot");
            spread!.Experiments.Should().ContainKey(experiment.Name, $"{experiment.Name} needs its mini seed spread");
        }
    }

    [Test]
    public void Get_UnknownExperiment_SuggestsTheClosest()
    {
        var act = () => ExperimentCatalog.Get("Table01_OnDevicePrior");
        act.Should().Throw<ArgumentException>().WithMessage("*did you mean 'Table01_OnDevicePriors'*");
    }
}
