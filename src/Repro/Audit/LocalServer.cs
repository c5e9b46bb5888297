using Repro.Attacks;
using Repro.Models;
using static TorchSharp.torch;

namespace Repro.Audit;

/// <summary>A server the auditor holds as a file: white-box, and queried through the same counting oracle as Table I.</summary>
public sealed class LocalServer(Classifier model) : IAuditServer
{
    public string Name => model.Architecture.DisplayName;
    public string Identity => model.Architecture.Describe();
    public int Classes => model.Classes;
    public Classifier? WhiteBox => model;
    public string? WhiteBoxUnavailable => null;
    public string? ScoresUnavailable => null;

    public Tensor Predict(Tensor images)
    {
        using var mode = EvaluationModeScope.Enter(model);
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var chunks = new List<Tensor>();
        for (long start = 0; start < images.shape[0]; start += 250)
        {
            var logits = model.forward(images.narrow(0, start, Math.Min(250, images.shape[0] - start)));
            FiniteOutputs.Require(logits, model, "on the audit's images");
            chunks.Add(logits.argmax(1));
        }
        return cat(chunks, 0).MoveToOuterDisposeScope();
    }

    public IQueryOracle ScoreOracle(int samples, QueryAttackSettings settings) => new CountingQueryOracle(model, samples, settings);
}
