using System.Globalization;

namespace Repro.Reporting;

/// <summary>
/// How far a measurement may sit from its reference and still count as the same: an absolute half-width
/// in the metric's unit ("0.05" RFR, "5" percentage points) or a fraction of the reference ("25%").
/// Written and parsed in that text form, so paper CSVs and verified snapshots read the same.
/// </summary>
public sealed record Tolerance
{
    private Tolerance(double value, bool isRelative)
    {
        Value = value;
        IsRelative = isRelative;
    }

    /// <summary>The half-width (absolute) or the fraction of |reference| (relative, 0.25 for "25%").</summary>
    public double Value { get; }

    public bool IsRelative { get; }

    public static Tolerance Absolute(double halfWidth)
    {
        if (!double.IsFinite(halfWidth) || halfWidth < 0)
            throw new ArgumentOutOfRangeException(nameof(halfWidth), halfWidth, "a tolerance is a finite number >= 0");
        return new Tolerance(halfWidth, false);
    }

    public static Tolerance Relative(double fraction)
    {
        if (!double.IsFinite(fraction) || fraction <= 0)
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "a relative tolerance is a finite fraction > 0");
        return new Tolerance(fraction, true);
    }

    public double HalfWidth(double reference) => IsRelative ? Value * Math.Abs(reference) : Value;

    public double Low(double reference) => reference - HalfWidth(reference);

    public double High(double reference) => reference + HalfWidth(reference);

    /// <summary>Inclusive band; a hair of slack absorbs binary rounding of printed decimals (0.1 + 0.2).</summary>
    public bool Contains(double reference, double measured)
    {
        double slack = 1e-9 * Math.Max(1, Math.Abs(reference));
        return Math.Abs(measured - reference) <= HalfWidth(reference) + slack;
    }

    /// <summary>"0.05" or "25%"; anything else is a <see cref="FormatException"/> that says what was expected.</summary>
    public static Tolerance Parse(string text)
    {
        if (TryParse(text, out var tolerance, out var error)) return tolerance;
        throw new FormatException(error);
    }

    public static bool TryParse(string text, out Tolerance tolerance, out string error)
    {
        tolerance = null!;
        string t = text.Trim();
        bool relative = t.EndsWith('%');
        string number = relative ? t[..^1] : t;
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
        {
            error = $"expected a tolerance such as 0.05 (absolute, in the metric's unit) or 25% (relative), got '{text}'";
            return false;
        }
        if (relative && value <= 0)
        {
            error = $"expected a relative tolerance above 0%, got '{text}'";
            return false;
        }
        tolerance = relative ? Relative(value / 100) : Absolute(value);
        error = "";
        return true;
    }

    public override string ToString() => IsRelative
        ? (Value * 100).ToString("0.######", CultureInfo.InvariantCulture) + "%"
        : Value.ToString("0.######", CultureInfo.InvariantCulture);

    /// <summary>"± 0.05" or "± 25%": how the report and diffs print the band's width.</summary>
    public string Describe() => "± " + ToString();
}
