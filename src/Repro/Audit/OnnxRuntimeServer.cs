using Repro.Attacks;
using Repro.Models;
using Repro.Models.Foreign;
using static TorchSharp.torch;

namespace Repro.Audit;

/// <summary>
/// A server shipped as an .onnx file and run by ONNX Runtime, as it would be deployed: its labels and the counting
/// score oracle come from ONNX Runtime (same counting as <see cref="LocalServer"/>), while the white-box parts of the
/// audit (RFR's denominator, the similarities) use the same file imported as a differentiable module.
/// </summary>
public sealed class OnnxRuntimeServer(OnnxClassifier model) : IAuditServer
{
    public string Name => model.Architecture.DisplayName;
    public string Identity => $"onnxruntime:{model.Architecture.Describe()}";
    public int Classes => model.Classes;
    public Classifier? WhiteBox => model;
    public string? WhiteBoxUnavailable => null;
    public string? ScoresUnavailable => null;

    public Tensor Predict(Tensor images)
    {
        using var scope = NewDisposeScope();
        var chunks = new List<Tensor>();
        for (long start = 0; start < images.shape[0]; start += 250)
        {
            var logits = model.RuntimeLogits(images.narrow(0, start, Math.Min(250, images.shape[0] - start)));
            FiniteOutputs.Require(logits, model, "under ONNX Runtime on the audit's images");
            chunks.Add(logits.argmax(1));
        }
        return cat(chunks, 0).MoveToOuterDisposeScope();
    }

    public IQueryOracle ScoreOracle(int samples, QueryAttackSettings settings) =>
        new CountingQueryOracle(model, samples, settings, model.RuntimeLogits);
}
