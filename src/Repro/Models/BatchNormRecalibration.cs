using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Repro.Models;

/// <summary>
/// Re-estimates every batch norm's running mean and variance as the plain average over the given batches
/// (once-for-all's <c>set_running_statistics</c>): a sub-network extracted from a supernet inherits
/// statistics measured on the full network, which misdescribe its own activations. Weights are unchanged.
/// </summary>
public static class BatchNormRecalibration
{
    public static void Run(Classifier model, IEnumerable<Tensor> pixelBatches)
    {
        var norms = model.modules().OfType<BatchNorm2d>().ToList();
        var momenta = norms.Select(bn => bn.momentum).ToList();
        bool wasTraining = model.training;
        try
        {
            foreach (var bn in norms)
            {
                bn.reset_running_stats();
                bn.momentum = null;   // cumulative moving average: the exact mean over all batches seen
            }
            model.train();
            int seen = 0;
            using (no_grad())
                foreach (var batch in pixelBatches)
                {
                    using var scope = NewDisposeScope();
                    model.forward(batch);
                    seen++;
                }
            if (seen == 0) throw new ArgumentException("batch-norm recalibration needs at least one batch", nameof(pixelBatches));
        }
        finally
        {
            for (int i = 0; i < norms.Count; i++) norms[i].momentum = momenta[i];
            model.train(wasTraining);
        }
    }
}
