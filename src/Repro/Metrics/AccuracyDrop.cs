using System.Globalization;

namespace Repro.Metrics;

/// <summary>
/// The accuracy drop prior work reports (Appendix C, Table X): A(f, S) − A(f, S'), in points, of a model on the clean
/// samples and on adversarial examples S' of them. Unlike RFR it is not relative to what a white-box attack achieves.
/// </summary>
public static class AccuracyDrop
{
    /// <summary>Clean accuracy minus accuracy under attack, both in percent (0..100); negative when the examples help the model.</summary>
    public static double Points(double cleanAccuracy, double accuracyUnderAttack)
    {
        Require(cleanAccuracy, nameof(cleanAccuracy));
        Require(accuracyUnderAttack, nameof(accuracyUnderAttack));
        return cleanAccuracy - accuracyUnderAttack;
    }

    static void Require(double accuracy, string name)
    {
        if (!double.IsFinite(accuracy) || accuracy < 0 || accuracy > 100)
            throw new ArgumentException($"accuracy drop: {name} is {accuracy.ToString("G6", CultureInfo.InvariantCulture)}; an accuracy is a percentage in 0..100", name);
    }
}
