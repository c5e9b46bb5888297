using Repro.Claims;
using Repro.Reporting;

namespace Repro.Harness;

/// <summary>
/// One table or figure of the paper, measured at a profile. The same name runs through every layer: the experiment,
/// its claims, its paper baseline, its snapshot and its report section. Implemented by <see cref="PaperExperiment"/>.
/// </summary>
public interface IExperiment
{
    /// <summary>"Table01_OnDevicePriors".</summary>
    string Name { get; }

    /// <summary>"Table I".</summary>
    string PaperReference { get; }

    string Title { get; }

    /// <summary>The paper's claims the table backs.</summary>
    IReadOnlyList<Claim> Claims { get; }

    /// <summary>Measures the table; models and evaluations come from (and go to) the run's artifact cache.</summary>
    ExperimentResult Run(RunContext context);

    /// <summary>
    /// The figures drawn from a result's rows at <paramref name="profile"/> (Figure 1's curves), so that a result assembled from
    /// stored values (an accepted multi-seed result) is drawn as a measured one is; empty for a table.
    /// </summary>
    IReadOnlyList<FigureSeries> FiguresOf(ExperimentResult result, Profiles.Profile profile) => Array.Empty<FigureSeries>();
}
