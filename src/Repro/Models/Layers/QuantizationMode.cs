namespace Repro.Models.Layers;

/// <summary>How a quantizable layer treats its input activations and weights.</summary>
public enum QuantizationMode
{
    /// <summary>Plain float32.</summary>
    Float = 0,
    /// <summary>Float32, while recording the input activation range (calibration).</summary>
    Calibrate = 1,
    /// <summary>8-bit simulated: uint8 activations, int8 per-channel weights, straight-through gradients.</summary>
    Int8 = 2,
}
