namespace Repro.Harness.Planning;

/// <summary>
/// What building one artifact costs, as passes of architectures over images (what <see cref="EpochTimes"/> measures per
/// image), so that a plan's time can be estimated for a device before anything runs. An estimate, not a measurement: each
/// builder states the passes its algorithm makes, with upper bounds where the work depends on results (P-RGF's queries).
/// </summary>
public sealed record Work(IReadOnlyList<WorkTerm> Terms)
{
    public static Work None { get; } = new(Array.Empty<WorkTerm>());

    public static Work Of(params WorkTerm[] terms) => new(terms.Where(t => t.Images > 0).ToList());

    public Work Plus(Work other) => new(Terms.Concat(other.Terms).ToList());

    public bool IsUpperBound => Terms.Any(t => t.UpperBound);
}
