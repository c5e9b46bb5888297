namespace Repro.Training;

/// <summary>
/// The arithmetic of training steps on CUDA. TorchSharp 0.107 has no autocast (no torch.autocast, no GradScaler, and
/// no bf16 policy per operation), so mixed bf16/fp16 training is not offered; what it does expose are libtorch's TF32
/// switches (torch.backends.cudnn.allow_tf32, torch.backends.cuda.matmul.allow_tf32), which this uses. Weights,
/// gradients and optimiser state stay float32 either way. A CPU run is float32 whatever this says.
/// </summary>
public enum TrainingPrecision
{
    /// <summary>IEEE float32 throughout (the paper's V100s have no TF32).</summary>
    Float32,
    /// <summary>Convolutions and matrix products on tensor cores with TF32 inputs (10-bit mantissa), float32 accumulation.</summary>
    TensorFloat32,
}
