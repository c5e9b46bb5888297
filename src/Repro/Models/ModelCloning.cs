using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Models;

/// <summary>Independent copies of a classifier: same architecture, same weights and buffers, separate tensors.</summary>
public static class ModelCloning
{
    public static Classifier Clone(Classifier source)
    {
        if (source is Foreign.ForeignClassifier foreign) return foreign.Copy();
        var copy = source.Architecture.Create(source.Input, source.Classes);
        using (no_grad())
        {
            var state = source.state_dict();
            var (missing, unexpected) = copy.load_state_dict(state, strict: true);
            if (missing.Count > 0 || unexpected.Count > 0)
                throw new InvalidOperationException($"cloning {source.Architecture.Describe()} failed: missing [{string.Join(", ", missing)}], unexpected [{string.Join(", ", unexpected)}]");
        }
        copy.train(source.training);
        return copy;
    }
}
