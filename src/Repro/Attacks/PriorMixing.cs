using System.Globalization;

namespace Repro.Attacks;

/// <summary>
/// How P-RGF mixes the prior into its directions (<see cref="QueryAttackSettings.Lambda"/>):
/// "optimal" is the reference's `biased` method (lambda* from the estimated alpha, Eq. 12); a number is its
/// `fixed_biased` method, which never estimates alpha and so spends no norm or prior-probe queries.
/// </summary>
public sealed record PriorMixing
{
    PriorMixing(double? fixedLambda) => FixedLambda = fixedLambda;

    public static PriorMixing Optimal { get; } = new((double?)null);

    /// <summary>The constant lambda in fixed mode; null in optimal mode.</summary>
    public double? FixedLambda { get; }

    public bool IsOptimal => FixedLambda is null;

    public static PriorMixing Fixed(double lambda)
    {
        if (!(lambda >= 0 && lambda <= 1))
            throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "a fixed lambda is a share of energy, in [0, 1]");
        return new PriorMixing(lambda);
    }

    /// <summary>Parses "optimal" or a number in [0, 1] (invariant culture, e.g. "0.5").</summary>
    public static PriorMixing Parse(string text)
    {
        if (string.Equals(text.Trim(), "optimal", StringComparison.OrdinalIgnoreCase)) return Optimal;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double lambda) && lambda >= 0 && lambda <= 1)
            return Fixed(lambda);
        throw new ArgumentException($"QueryAttackSettings.Lambda: expected \"optimal\" or a number in [0, 1] such as \"0.5\", got \"{text}\"");
    }

    public override string ToString() => FixedLambda is { } l ? l.ToString("R", CultureInfo.InvariantCulture) : "optimal";
}
