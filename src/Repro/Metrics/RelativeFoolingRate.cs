using System.Globalization;

namespace Repro.Metrics;

/// <summary>
/// RFR(f_s, S, S^o, S^s) = (A(f_s, S) - A(f_s, S^o)) / (A(f_s, S) - A(f_s, S^s)) (§IV-A, Metrics (1)):
/// the accuracy drop the transferred examples S^o cause, relative to the white-box examples S^s crafted
/// on f_s itself. 1 when everything transfers, near 0 when nothing does.
/// </summary>
public static class RelativeFoolingRate
{

    /// <summary>RFR from the three accuracies of f_s (any one unit, e.g. percent) on S, S^o and S^s.</summary>
    public static double Compute(double cleanAccuracy, double accuracyOnTransfer, double accuracyOnWhiteBox)
    {
        RequireFinite(cleanAccuracy, nameof(cleanAccuracy));
        RequireFinite(accuracyOnTransfer, nameof(accuracyOnTransfer));
        RequireFinite(accuracyOnWhiteBox, nameof(accuracyOnWhiteBox));
        double denominator = cleanAccuracy - accuracyOnWhiteBox;
        if (denominator <= 0)
            throw new ArithmeticException(
                "RFR is undefined: the white-box attack on the server did not lower its accuracy " +
                $"(A(f_s, S) = {F(cleanAccuracy)}, A(f_s, S^o) = {F(accuracyOnTransfer)}, A(f_s, S^s) = {F(accuracyOnWhiteBox)}), " +
                "so there is no accuracy drop to compare the transferred examples with (denominator A(f_s, S) - A(f_s, S^s) " +
                $"= {F(denominator)} <= 0). Check that S^s was crafted on the server and that the attack actually ran.");
        return (cleanAccuracy - accuracyOnTransfer) / denominator;
    }

    static void RequireFinite(double value, string name)
    {
        if (!double.IsFinite(value)) throw new ArgumentException($"RFR: {name} is {value}; accuracies must be finite numbers", name);
    }

    static string F(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
