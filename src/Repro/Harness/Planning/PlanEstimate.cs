using System.Globalization;

namespace Repro.Harness.Planning;

/// <summary>
/// Device hours of a plan's artifacts: each artifact's passes (<see cref="Work"/>) times the seconds per image that pass of that
/// network took on one device, as measured there (`repro plan time`). Nothing is converted between devices: GPU hours come
/// only from rows measured on a GPU; a CPU's rows give CPU hours, labelled so.
/// </summary>
public sealed class PlanEstimate
{
    readonly Func<string, Pass, double?> secondsPerImage;

    PlanEstimate(string device, string basis, Func<string, Pass, double?> secondsPerImage)
    {
        Device = device;
        Basis = basis;
        this.secondsPerImage = secondsPerImage;
    }

    /// <summary>The device the hours are for: the timing table's device name ("cuda", "cpu-avx2-t1").</summary>
    public string Device { get; }

    /// <summary>Where the numbers come from, for people.</summary>
    public string Basis { get; }

    /// <summary>True when the hours are a CPU's: shown as such, never as a GPU's.</summary>
    public bool IsCpu => Device.StartsWith("cpu", StringComparison.Ordinal);

    /// <summary>Prices with the measured rows of <paramref name="device"/>.</summary>
    public static PlanEstimate Measured(EpochTimes times, string device) =>
        new(device, $"seconds per image measured on '{device}' (baselines/timing/epoch-times.csv: {Sources(times, device)})",
            (network, pass) => times.SecondsPerImage(device, network, pass));

    /// <summary>Hours <paramref name="work"/> takes, and the networks and passes the table lacks (then the hours are null).</summary>
    public (double? Hours, IReadOnlyList<string> Missing) Hours(Work work)
    {
        double seconds = 0;
        var missing = new List<string>();
        foreach (var term in work.Terms)
        {
            if (secondsPerImage(term.Network, term.Pass) is double perImage) seconds += perImage * term.Images;
            else missing.Add($"{term.Network} {EpochTimes.PassName(term.Pass)}");
        }
        return missing.Count > 0 ? (null, missing.Distinct().ToList()) : (seconds / 3600, missing);
    }

    static string Sources(EpochTimes times, string device) =>
        string.Join("; ", times.Rows.Where(r => r.Device == device).GroupBy(r => r.Source)
            .Select(g => $"{g.Key} ({g.Min(r => r.MeasuredUtc)}{(g.Max(r => r.MeasuredUtc) != g.Min(r => r.MeasuredUtc) ? $" to {g.Max(r => r.MeasuredUtc)}" : "")})"));
}
