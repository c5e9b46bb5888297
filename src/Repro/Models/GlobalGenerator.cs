using TorchSharp;

namespace Repro.Models;

/// <summary>
/// libtorch's layer constructors draw initial weights from one process-wide generator. Two models built at
/// once on parallel workers would interleave their draws, and a model's weights would depend on what else
/// was being built (seen: caches of the same commit held different weights under one key). Every model
/// construction goes through <see cref="Construct{T}"/>, which seeds (when asked) and builds as one step.
/// </summary>
public static class GlobalGenerator
{
    static readonly object Gate = new();

    /// <summary>Builds under the generator's lock; with a seed, the build's draws start from it.</summary>
    public static T Construct<T>(int? seed, Func<T> build)
    {
        lock (Gate)
        {
            if (seed is { } s) torch.manual_seed(s);
            return build();
        }
    }
}
