namespace Repro.Defense;

/// <summary>Where an unpairing penalty compares f and f' (§V-A): their logits, their input-gradients or their penultimate activations.</summary>
public enum PenaltyLocation
{
    /// <summary>Table III's "output" block: the logits.</summary>
    Output,
    /// <summary>Table III's "input" block: the cross-entropy input-gradients (double backprop).</summary>
    Input,
    /// <summary>Table III's "feature" block: the penultimate activations.</summary>
    Feature,
}

/// <summary>The canonical names of <see cref="PenaltyLocation"/>: what recipe texts and row ids carry ("input=1", "input/1.0").</summary>
public static class PenaltyLocations
{
    /// <summary>Table III's order.</summary>
    public static IReadOnlyList<PenaltyLocation> All { get; } = new[] { PenaltyLocation.Output, PenaltyLocation.Input, PenaltyLocation.Feature };

    public static string Name(this PenaltyLocation location) => location switch
    {
        PenaltyLocation.Output => "output",
        PenaltyLocation.Input => "input",
        PenaltyLocation.Feature => "feature",
        _ => throw new ArgumentOutOfRangeException(nameof(location), location, "not a penalty location"),
    };
}
