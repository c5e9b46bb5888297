using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Models.OnceForAll;

/// <summary>
/// OFA's elastic kernel (Cai et al. 2020, §3.2, Fig. 3): a smaller depthwise kernel is the centre of the
/// next larger one, passed through a learned matrix shared by all channels (7x7 -> 5x5 with a 25x25
/// matrix, 5x5 -> 3x3 with a 9x9 one, both starting as the identity). Without the matrices it is a plain
/// centre crop. Parameter names follow the reference (<c>7to5_matrix</c>).
/// </summary>
public sealed class KernelTransform : nn.Module
{
    readonly int[] kernels;   // ascending
    readonly bool learned;

    public KernelTransform(IReadOnlyList<int> kernelSizes, bool learned) : base(nameof(KernelTransform))
    {
        kernels = kernelSizes.Distinct().OrderBy(k => k).ToArray();
        this.learned = learned;
        if (learned)
            for (int i = 0; i < kernels.Length - 1; i++)
                register_parameter(MatrixName(kernels[i + 1], kernels[i]), nn.Parameter(eye(kernels[i] * kernels[i])));
    }

    public int MaxKernel => kernels[^1];
    public IReadOnlyList<int> KernelSizes => kernels;
    public bool Supports(int kernel) => kernels.Contains(kernel);

    /// <summary>Depthwise weights [C, 1, k, k] for kernel <paramref name="kernel"/> from the full [C, 1, K, K] weights.</summary>
    public Tensor Apply(Tensor full, int kernel)
    {
        if (!kernels.Contains(kernel)) throw new ArgumentOutOfRangeException(nameof(kernel), kernel, $"kernel sizes are {string.Join(", ", kernels)}");
        if (kernel == MaxKernel) return full.alias();
        using var scope = NewDisposeScope();
        var weight = full;
        if (!learned)
        {
            weight = Crop(full, MaxKernel, kernel);
        }
        else
        {
            for (int i = kernels.Length - 1; kernels[i] > kernel; i--)
            {
                int source = kernels[i], target = kernels[i - 1];
                var crop = Crop(weight, source, target);
                var matrix = get_parameter(MatrixName(source, target))!;
                weight = nn.functional.linear(crop.reshape(-1, target * target), matrix)
                    .reshape(crop.shape[0], crop.shape[1], target, target);
            }
        }
        return weight.contiguous().MoveToOuterDisposeScope();
    }

    static Tensor Crop(Tensor weight, int source, int target)
    {
        int start = (source - target) / 2;
        return weight[.., .., start..(start + target), start..(start + target)];
    }

    internal static string MatrixName(int source, int target) => $"{source}to{target}_matrix";
}
