using Repro.Claims;
using Repro.Reporting;

namespace Repro.Harness;

/// <summary>
/// A table or figure of the paper as Repro measures it, describing itself: its name (the class name, the one name its
/// claims, baselines, snapshots and report section share), its paper table (caption, reference, columns; from
/// <see cref="PaperTableCatalog"/>), its claims and how it is measured. Adding a table is one such class, its claims
/// (a partial file beside it) and its baselines.
/// </summary>
public abstract class PaperExperiment : IExperiment
{
    protected PaperExperiment() => Table = PaperTableCatalog.Get(GetType().Name);

    public string Name => GetType().Name;

    /// <summary>How the paper prints it: reference ("Table I"), caption and columns.</summary>
    public PaperTable Table { get; }

    public string PaperReference => Table.PaperReference;

    public string Title => Table.Title;

    /// <summary>The paper's claims this table backs, as rules on the measured result.</summary>
    public abstract IReadOnlyList<Claim> Claims { get; }

    /// <inheritdoc cref="IExperiment.FiguresOf"/>
    public virtual IReadOnlyList<FigureSeries> FiguresOf(ExperimentResult result, Profiles.Profile profile) => Array.Empty<FigureSeries>();

    /// <summary>Measures the table; models and evaluations come from (and go to) the run's artifact cache.</summary>
    public abstract ExperimentResult Run(RunContext context);
}
