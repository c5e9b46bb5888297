using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Repro.Models.Layers;

/// <summary>A linear layer (the classification head) with the same 8-bit simulation as <see cref="ConvBn"/>.</summary>
public sealed class QuantizableLinear : Module<Tensor, Tensor>, IQuantizableLayer
{
    readonly Linear linear;
    readonly InputRangeObserver observer;

    public QuantizableLinear(long inFeatures, long outFeatures, bool hasBias = true) : base(nameof(QuantizableLinear))
    {
        linear = Linear(inFeatures, outFeatures, hasBias);
        observer = new InputRangeObserver();
        RegisterComponents();
    }

    public Linear Linear => linear;
    public long InFeatures => linear.in_features;
    public long OutFeatures => linear.out_features;

    public QuantizationMode Mode { get => observer.Mode; set => observer.Mode = value; }
    public (float Min, float Max) InputRange => observer.Range;
    public void ResetInputRange() => observer.Reset();

    public override Tensor forward(Tensor x)
    {
        if (observer.Mode != QuantizationMode.Int8)
        {
            using var input = observer.forward(x);
            return linear.forward(input);
        }
        using var scope = NewDisposeScope();
        var quantizedInput = observer.forward(x);
        var quantizedWeight = FakeQuantization.WeightsPerChannel(linear.weight!);
        return functional.linear(quantizedInput, quantizedWeight, linear.bias).MoveToOuterDisposeScope();
    }
}
