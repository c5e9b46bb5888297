using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Models.Foreign;

/// <summary>
/// A network loaded from a file the user ships (TorchScript, ONNX, or a Repro architecture's weights) as a <see cref="Classifier"/>: [0, 1] RGB pixels
/// in, channels reordered and normalised inside as its metadata says, logits out (probabilities mapped to their log).
/// The file format supplies how a method is called and how the network is written back; everything a user's
/// metadata promises is checked here once, for every format. Load with <see cref="ForeignModels"/> (or Harness.ModelFiles, which also reads cache artifacts).
/// </summary>
public abstract class ForeignClassifier : Classifier
{
    readonly Tensor? mean;
    readonly Tensor? std;

    protected ForeignClassifier(string name, LoadedModelSpec spec)
        : base(name, spec, spec.Metadata.Input, spec.Metadata.Classes.Length)
    {
        Metadata = spec.Metadata;
        if (Metadata.Mean is { } m && Metadata.Std is { } s)
        {
            mean = tensor(m, new long[] { 1, m.Length, 1, 1 }).DetachFromDisposeScope();
            std = tensor(s, new long[] { 1, s.Length, 1, 1 }).DetachFromDisposeScope();
        }
    }

    public ModelMetadata Metadata { get; }

    public string SourcePath => ((LoadedModelSpec)Architecture).Path;

    public override long FeatureDimension => featureDimension ??= MeasureFeatureDimension();
    long? featureDimension;

    public override string? FeaturesUnavailable => Metadata.FeaturesMethod is null
        ? $"{Architecture.DisplayName}'s metadata names no featuresMethod/headMethod (TorchScript methods exported with @torch.jit.export), so its penultimate activations are not measurable"
        : null;

    public override Tensor forward(Tensor pixels)
    {
        using var scope = NewDisposeScope();
        return ToLogits(Call("forward", Prepare(pixels))).MoveToOuterDisposeScope();
    }

    public override Tensor Features(Tensor pixels)
    {
        if (FeaturesUnavailable is { } reason) throw new NotSupportedException(reason);
        using var scope = NewDisposeScope();
        return Call(Metadata.FeaturesMethod!, Prepare(pixels)).flatten(1).MoveToOuterDisposeScope();
    }

    public override Tensor Head(Tensor features)
    {
        if (FeaturesUnavailable is { } reason) throw new NotSupportedException(reason);
        using var scope = NewDisposeScope();
        return ToLogits(Call(Metadata.HeadMethod!, features)).MoveToOuterDisposeScope();
    }

    /// <summary>Writes the (possibly fine-tuned) network in its own format, atomically, with its metadata (or <paramref name="metadata"/>) beside it.</summary>
    public void Save(string path, ModelMetadata? metadata = null)
    {
        bool wasTraining = training;
        eval();
        try
        {
            WriteNetwork(path);
            Storage.AtomicFile.WriteAllText(ModelMetadata.PathBeside(path), (metadata ?? Metadata).ToJson());
        }
        finally { train(wasTraining); }
    }

    /// <summary>An independent copy with this model's current weights and statistics (what fine-tuning starts from).</summary>
    public abstract ForeignClassifier Copy();

    /// <summary>The file format's call of <paramref name="method"/> ("forward", or the metadata's features/head methods) on prepared input.</summary>
    protected abstract Tensor Call(string method, Tensor input);

    /// <summary>Writes the network, with its current weights, in the file's format, atomically.</summary>
    protected abstract void WriteNetwork(string path);

    /// <summary>[0, 1] RGB pixels as the network takes them: channel order and normalisation from the metadata.</summary>
    public Tensor Prepare(Tensor pixels)
    {
        if (pixels.dim() != 4 || pixels.shape[1] != Input.Channels || pixels.shape[2] != Input.Height || pixels.shape[3] != Input.Width)
            throw new ArgumentException($"{Architecture.DisplayName} takes [N, {Input.Channels}, {Input.Height}, {Input.Width}] pixels, got [{string.Join(", ", pixels.shape)}]");
        var x = Metadata.Bgr ? pixels.flip(1) : pixels;
        if (mean is not null) x = (x - mean.to(x.device)) / std!.to(x.device);
        return x;
    }

    /// <summary>The network's output as logits.</summary>
    public Tensor ToLogits(Tensor output) => Metadata.Output switch
    {
        // Clamped: a probability of exactly 0 would give -inf logits, and NaN gradients with them.
        ModelOutputKind.Probabilities => output.clamp_min(1e-30).log(),
        _ => output,
    };

    /// <summary>One forward on two images: the output is [2, classes], finite, and (for probabilities) rows of a distribution; features and head agree with forward.</summary>
    protected void CheckRuns()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var generator = new Generator(0);
        var probe = rand(new long[] { 2, Input.Channels, Input.Height, Input.Width }, generator: generator);
        var raw = Call("forward", Prepare(probe));
        if (raw.dim() != 2 || raw.shape[0] != 2)
            throw new ForeignModelException($"{SourcePath}: forward returns shape [{string.Join(", ", raw.shape)}] for 2 images; expected [2, classes]");
        if (raw.shape[1] != Classes)
            throw new ForeignModelException($"{SourcePath}: forward returns {raw.shape[1]} scores per image but its metadata lists {Classes} classes");
        if (!raw.isfinite().all().item<bool>())
            throw new ForeignModelException($"{SourcePath}: forward returns NaN or infinite outputs on [0, 1] images; its weights (or its arithmetic) are broken");
        if (Metadata.Output == ModelOutputKind.Probabilities &&
            (raw.min().item<float>() < -1e-6f || (raw.sum(1) - 1).abs().max().item<float>() > 1e-3f))
            throw new ForeignModelException($"{SourcePath}: its metadata says output \"probabilities\" but its rows are not distributions (min {raw.min().item<float>():G4}, row sums {string.Join(", ", raw.sum(1).data<float>().ToArray())}); say \"logits\"");
        if (FeaturesUnavailable is null)
        {
            var viaHead = Head(Features(probe));
            var direct = ToLogits(raw);
            float gap = (viaHead - direct).abs().max().item<float>(), scale = direct.abs().max().item<float>();
            if (!(gap <= 1e-3f * Math.Max(1f, scale)))
                throw new ForeignModelException($"{SourcePath}: {Metadata.HeadMethod}({Metadata.FeaturesMethod}(x)) differs from forward(x) by {gap:G4}; the named methods must split forward at its penultimate layer");
        }
    }

    long MeasureFeatureDimension()
    {
        if (FeaturesUnavailable is { } reason) throw new NotSupportedException(reason);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return Features(zeros(1, Input.Channels, Input.Height, Input.Width)).shape[1];
    }

    protected static string FirstLine(string message)
    {
        var line = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? message;
        return line.Length > 300 ? line[..300] + "..." : line;
    }

    /// <summary>
    /// Nothing to discover: the network is registered by name in the format's constructor, and mean/std are constants of
    /// the metadata, not state. TorchSharp calls this when another module registers this one as its child (a
    /// GradientReversal wrapper); its field reflection would otherwise register mean, std and the network a second time
    /// under their field names (the state dict grew from 9 to 20 keys and parameters() listed every weight twice).
    /// </summary>
    protected override void RegisterComponents() { }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            mean?.Dispose();
            std?.Dispose();
        }
        base.Dispose(disposing);
    }
}
