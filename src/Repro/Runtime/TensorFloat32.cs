using TorchSharp;

namespace Repro.Runtime;

/// <summary>
/// libtorch's process-wide TF32 switches for cuDNN convolutions and cuBLAS matrix products (TorchSharp exposes both;
/// libtorch's own defaults are TF32 on for cuDNN, off for cuBLAS). A CUDA run forbids TF32 (<see cref="Forbid"/>) so
/// that attacks and evaluations run in IEEE float32: P-RGF's finite differences (sigma = 1e-4, about 2e-6 per pixel)
/// are far below TF32's input rounding (about 1e-3 near 1), which would erase them. A training run that asks for TF32
/// holds it only for its own steps (<see cref="Allow"/>). The switches do nothing on a CPU.
/// </summary>
public static class TensorFloat32
{
    /// <summary>Whether either switch is on now.</summary>
    public static bool Allowed => torch.backends.cudnn.allow_tf32 || torch.backends.cuda.matmul.allow_tf32;

    /// <summary>IEEE float32 for every later convolution and matrix product on CUDA.</summary>
    public static void Forbid() => Set(false, false);

    /// <summary>TF32 on until the returned scope is disposed, when both switches return to what they were.</summary>
    public static IDisposable Allow()
    {
        var scope = new Restore(torch.backends.cudnn.allow_tf32, torch.backends.cuda.matmul.allow_tf32);
        Set(true, true);
        return scope;
    }

    static void Set(bool cudnn, bool cublas)
    {
        torch.backends.cudnn.allow_tf32 = cudnn;
        torch.backends.cuda.matmul.allow_tf32 = cublas;
    }

    sealed class Restore(bool cudnn, bool cublas) : IDisposable
    {
        public void Dispose() => Set(cudnn, cublas);
    }
}
