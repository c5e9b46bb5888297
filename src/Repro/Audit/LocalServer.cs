using Repro.Attacks;
using Repro.Models;
using static TorchSharp.torch;

namespace Repro.Audit;

/// <summary>
/// A server the auditor holds as a file: white-box, and queried through the same counting oracle as Table I. It can
/// rehearse a deployed server's constraints (Table II's cloud model): <paramref name="labelOnly"/> answers the query
/// attack with top-1 labels only (so RayS runs instead of P-RGF), <paramref name="eightBit"/> rounds every image to its
/// nearest 8-bit level before the network sees it, as `repro serve --uint8` does.
/// </summary>
public sealed class LocalServer(Classifier model, bool labelOnly = false, bool eightBit = false) : IAuditServer
{
    public string Name => model.Architecture.DisplayName;
    public string Identity => ServerMode.Identity(model.Architecture.Describe(), labelOnly, eightBit);
    public int Classes => model.Classes;
    public Classifier? WhiteBox => model;
    public string? WhiteBoxUnavailable => null;
    public string? ScoresUnavailable => ServerMode.ScoresUnavailable(labelOnly);
    public ServerTraffic? Traffic => null;

    public Tensor Predict(Tensor images) => ServerMode.Predict(model, Logits, images, "on the audit's images");

    public IQueryOracle ScoreOracle(int samples, QueryAttackSettings settings, string run) =>
        new CountingQueryOracle(model, samples, settings, eightBit ? Logits : null);

    public ILabelQueryOracle LabelOracle(int samples, QueryAttackSettings settings, string run) =>
        new TopLabelOracle(ScoreOracle(samples, settings, run));

    Tensor Logits(Tensor images)
    {
        using var mode = EvaluationModeScope.Enter(model);
        using var noGrad = no_grad();
        if (!eightBit) return model.forward(images);
        using var rounded = EightBitPixels.Round(images);
        return model.forward(rounded);
    }
}
