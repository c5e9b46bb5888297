using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Models;

/// <summary>
/// Per-channel (x - mean) / std applied inside the model, so that every model takes [0, 1] pixels
/// and eps = 8/255 means the same thing for attacks, oracles and similarity metrics (STYLE.md P3).
/// </summary>
public sealed class InputNormalization : nn.Module<Tensor, Tensor>
{
    /// <summary>CIFAR-10 training-set statistics (the values torchvision references use).</summary>
    public static readonly float[] Cifar10Mean = { 0.4914f, 0.4822f, 0.4465f };
    public static readonly float[] Cifar10Std = { 0.2470f, 0.2435f, 0.2616f };
    public static readonly float[] ImageNetMean = { 0.485f, 0.456f, 0.406f };
    public static readonly float[] ImageNetStd = { 0.229f, 0.224f, 0.225f };

    readonly Tensor mean;
    readonly Tensor std;

    public InputNormalization(float[] mean, float[] std) : base(nameof(InputNormalization))
    {
        if (mean.Length != std.Length) throw new ArgumentException("mean and std must have one value per channel");
        if (std.Any(s => s <= 0)) throw new ArgumentException("std must be positive");
        // Owned by the module, not by a dispose scope the caller may have open while building it.
        this.mean = tensor(mean, new long[] { 1, mean.Length, 1, 1 }).DetachFromDisposeScope();
        this.std = tensor(std, new long[] { 1, std.Length, 1, 1 }).DetachFromDisposeScope();
        // Buffers travel with .to(device) but are not saved: they are constants of the architecture.
        register_buffer("mean", this.mean, persistent: false);
        register_buffer("std", this.std, persistent: false);
    }

    public override Tensor forward(Tensor x) => (x - mean).div_(std);

    // Module.Dispose leaves non-persistent buffers alive; these are ours alone.
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            mean.Dispose();
            std.Dispose();
        }
        base.Dispose(disposing);
    }
}
