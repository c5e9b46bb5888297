using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Attacks;

/// <summary>
/// Puts a module and all its descendants in evaluation mode (batch norm uses running statistics, so an
/// attacked image's output does not depend on its batch) and restores each module's own flag on dispose.
/// Parameters' requires_grad is never touched: attacks differentiate with respect to the input only.
/// </summary>
public sealed class EvaluationModeScope : IDisposable
{
    readonly List<(nn.Module Module, bool Training)> saved;
    bool disposed;

    EvaluationModeScope(nn.Module root)
    {
        saved = new List<(nn.Module, bool)> { (root, root.training) };
        // Ancestors before descendants, so restoring in this order is exact.
        saved.AddRange(Descendants(root).Select(m => (m, m.training)));
        root.eval();
    }

    /// <summary>
    /// The module tree below <paramref name="module"/>, stopping at a TorchScript module: asking one for its submodules makes
    /// fresh native wrappers every time (measured: 90 KB a call never returned, the serve memory growth), and its train()
    /// sets its whole tree anyway.
    /// </summary>
    static IEnumerable<nn.Module> Descendants(nn.Module module)
    {
        foreach (var child in module.children())
        {
            yield return child;
            if (child is jit.ScriptModule) continue;
            foreach (var below in Descendants(child)) yield return below;
        }
    }

    public static EvaluationModeScope Enter(nn.Module model) => new(model);

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        if (!saved.Any(s => s.Training)) return;
        foreach (var (module, training) in saved) module.train(training);
    }
}
