namespace Repro.Models.Layers;

/// <summary>
/// A layer whose input activations and weights can be simulated in 8 bits. Every convolution and
/// linear layer of every architecture is one, so <c>Int8Quantization</c> needs no per-architecture code.
/// </summary>
public interface IQuantizableLayer
{
    QuantizationMode Mode { get; set; }

    /// <summary>Observed input range since the last reset (meaningful after calibration).</summary>
    (float Min, float Max) InputRange { get; }

    void ResetInputRange();
}
