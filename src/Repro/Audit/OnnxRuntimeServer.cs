using Repro.Attacks;
using Repro.Models;
using Repro.Models.Foreign;
using static TorchSharp.torch;

namespace Repro.Audit;

/// <summary>
/// A server shipped as an .onnx file and run by ONNX Runtime, as it would be deployed: its labels and the counting
/// score oracle come from ONNX Runtime (same counting as <see cref="LocalServer"/>), while the white-box parts of the
/// audit (RFR's denominator, the similarities) use the same file imported as a differentiable module. Label-only and
/// 8-bit rehearsals as <see cref="LocalServer"/>.
/// </summary>
public sealed class OnnxRuntimeServer(OnnxClassifier model, bool labelOnly = false, bool eightBit = false) : IAuditServer
{
    public string Name => model.Architecture.DisplayName;
    public string Identity => ServerMode.Identity($"onnxruntime:{model.Architecture.Describe()}", labelOnly, eightBit);
    public int Classes => model.Classes;
    public Classifier? WhiteBox => model;
    public string? WhiteBoxUnavailable => null;
    public string? ScoresUnavailable => ServerMode.ScoresUnavailable(labelOnly);
    public ServerTraffic? Traffic => null;

    public Tensor Predict(Tensor images) => ServerMode.Predict(model, Logits, images, "under ONNX Runtime on the audit's images");

    public IQueryOracle ScoreOracle(int samples, QueryAttackSettings settings, string run) =>
        new CountingQueryOracle(model, samples, settings, Logits);

    public ILabelQueryOracle LabelOracle(int samples, QueryAttackSettings settings, string run) =>
        new TopLabelOracle(ScoreOracle(samples, settings, run));

    Tensor Logits(Tensor images)
    {
        if (!eightBit) return model.RuntimeLogits(images);
        using var rounded = EightBitPixels.Round(images);
        return model.RuntimeLogits(rounded);
    }
}
