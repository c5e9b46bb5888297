using System.Globalization;

namespace Repro.Profiles;

/// <summary>
/// (λ1, λ2) of Tables IV and XII: the weights of the output-level and the input-gradient penalties.
/// Prints invariantly ("1/0.01"), so profile settings and recipe hashes read the same on every machine.
/// </summary>
public sealed record LambdaPair(double Output, double Input)
{
    public override string ToString() =>
        $"{Output.ToString("R", CultureInfo.InvariantCulture)}/{Input.ToString("R", CultureInfo.InvariantCulture)}";

    /// <summary>Every (λ1, λ2) of two lists, λ1 outer (the paper's row order).</summary>
    public static IReadOnlyList<LambdaPair> Grid(IReadOnlyList<double> outputs, IReadOnlyList<double> inputs) =>
        outputs.SelectMany(o => inputs.Select(i => new LambdaPair(o, i))).ToList();
}
