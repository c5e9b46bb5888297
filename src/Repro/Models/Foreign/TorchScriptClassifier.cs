using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Models.Foreign;

/// <summary>
/// A TorchScript model (torch.jit.save of any differentiable network) as a <see cref="Classifier"/>: [0, 1] RGB pixels
/// in, channels reordered and normalised inside as its metadata says, logits out (probabilities mapped to their log).
/// Its parameters are the script module's own, so it fine-tunes in place and <see cref="Save"/> writes it back as
/// TorchScript. Penultimate activations exist only where the file exports the methods the metadata names.
/// </summary>
public sealed class TorchScriptClassifier : Classifier
{
    readonly jit.ScriptModule module;
    readonly Tensor? mean;
    readonly Tensor? std;

    TorchScriptClassifier(jit.ScriptModule module, LoadedModelSpec spec)
        : base(nameof(TorchScriptClassifier), spec, spec.Metadata.Input, spec.Metadata.Classes.Length)
    {
        this.module = module;
        Metadata = spec.Metadata;
        if (Metadata.Mean is { } m && Metadata.Std is { } s)
        {
            mean = tensor(m, new long[] { 1, m.Length, 1, 1 }).DetachFromDisposeScope();
            std = tensor(s, new long[] { 1, s.Length, 1, 1 }).DetachFromDisposeScope();
        }
        register_module("script", module);
    }

    public ModelMetadata Metadata { get; }

    public string SourcePath => ((LoadedModelSpec)Architecture).Path;

    /// <summary>Loads <paramref name="path"/> with the metadata beside it and checks that it runs as the metadata says.</summary>
    public static TorchScriptClassifier Load(string path) => Load(path, ModelMetadata.Read(ModelMetadata.PathBeside(path), path));

    public static TorchScriptClassifier Load(string path, ModelMetadata metadata)
    {
        if (Directory.Exists(path)) throw new ForeignModelException($"'{path}' is a folder; expected a TorchScript file (torch.jit.save output)");
        if (!File.Exists(path)) throw new ForeignModelException($"model file '{path}' does not exist");
        string hash = LoadedModelSpec.HashOf(path);
        jit.ScriptModule module;
        try
        {
            module = jit.load(path);
        }
        catch (Exception e) when (e is ExternalException or InvalidOperationException or ArgumentException)
        {
            throw new ForeignModelException($"'{path}' is not a TorchScript file libtorch can load (write it with torch.jit.save of a " +
                $"torch.jit.script or torch.jit.trace module): {FirstLine(e.Message)}", e);
        }
        var name = metadata.Name ?? Path.GetFileNameWithoutExtension(path);
        var model = new TorchScriptClassifier(module, new LoadedModelSpec(Path.GetFullPath(path), name, hash, metadata));
        model.eval();
        model.CheckRuns();
        return model;
    }

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

    public override void train(bool train = true)
    {
        base.train(train);
        module.train(train);
    }

    /// <summary>Writes the (possibly fine-tuned) script module as TorchScript, atomically, with its metadata (or <paramref name="metadata"/>) beside it.</summary>
    public void Save(string path, ModelMetadata? metadata = null)
    {
        bool wasTraining = training;
        eval();
        try
        {
            Storage.AtomicFile.Write(path, stream =>
            {
                // jit.save writes to a path; through a temporary file so that a failure leaves nothing at the target.
                var temporary = Storage.AtomicFile.TemporaryPath(path) + ".jit";
                try
                {
                    jit.save(module, temporary);
                    using var written = File.OpenRead(temporary);
                    written.CopyTo(stream);
                }
                finally { File.Delete(temporary); }
            });
            Storage.AtomicFile.WriteAllText(ModelMetadata.PathBeside(path), (metadata ?? Metadata).ToJson());
        }
        finally { train(wasTraining); }
    }

    Tensor Prepare(Tensor pixels)
    {
        if (pixels.dim() != 4 || pixels.shape[1] != Input.Channels || pixels.shape[2] != Input.Height || pixels.shape[3] != Input.Width)
            throw new ArgumentException($"{Architecture.DisplayName} takes [N, {Input.Channels}, {Input.Height}, {Input.Width}] pixels, got [{string.Join(", ", pixels.shape)}]");
        var x = Metadata.Bgr ? pixels.flip(1) : pixels;
        if (mean is not null) x = (x - mean.to(x.device)) / std!.to(x.device);
        return x;
    }

    Tensor ToLogits(Tensor output) => Metadata.Output switch
    {
        // Clamped: a probability of exactly 0 would give -inf logits, and NaN gradients with them.
        ModelOutputKind.Probabilities => output.clamp_min(1e-30).log(),
        _ => output,
    };

    Tensor Call(string method, Tensor input)
    {
        object result;
        try
        {
            result = method == "forward" ? module.forward(input) : module.invoke(method, input);
        }
        catch (ExternalException e)
        {
            throw new ForeignModelException($"{SourcePath}: its {method}() fails on an input of shape [{string.Join(", ", input.shape)}] " +
                $"(the metadata's {Input.Channels}x{Input.Height}x{Input.Width}): {FirstLine(e.Message)}", e);
        }
        return result as Tensor ?? throw new ForeignModelException($"{SourcePath}: its {method}() returns {result?.GetType().Name ?? "nothing"}; expected one tensor");
    }

    /// <summary>One forward on two images: the output is [2, classes], finite, and (for probabilities) rows of a distribution; features and head agree with forward.</summary>
    void CheckRuns()
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

    static string FirstLine(string message)
    {
        var line = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? message;
        return line.Length > 300 ? line[..300] + "..." : line;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // Module.Dispose walks named_modules, which asks the script module for its children after disposing it: unregister it and dispose it here.
            ClearModules();
            module.Dispose();
            mean?.Dispose();
            std?.Dispose();
        }
        base.Dispose(disposing);
    }
}
