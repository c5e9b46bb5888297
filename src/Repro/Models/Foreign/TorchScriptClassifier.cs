using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Models.Foreign;

/// <summary>
/// A TorchScript model (torch.jit.save of any differentiable network) as a <see cref="ForeignClassifier"/>. Its
/// parameters are the script module's own, so it fine-tunes in place and <see cref="ForeignClassifier.Save"/> writes
/// it back as TorchScript. Penultimate activations exist only where the file exports the methods the metadata names.
/// </summary>
public sealed class TorchScriptClassifier : ForeignClassifier
{
    readonly jit.ScriptModule module;

    TorchScriptClassifier(jit.ScriptModule module, LoadedModelSpec spec) : base(nameof(TorchScriptClassifier), spec)
    {
        this.module = module;
        register_module("script", module);
    }

    /// <summary>Loads <paramref name="path"/> with the metadata beside it and checks that it runs as the metadata says.</summary>
    public static TorchScriptClassifier Load(string path)
    {
        RequireFile(path);
        return Load(path, ModelMetadata.Read(ModelMetadata.PathBeside(path), path));
    }

    static void RequireFile(string path)
    {
        if (Directory.Exists(path)) throw new ForeignModelException($"'{path}' is a folder; expected a TorchScript file (torch.jit.save output)");
        if (!File.Exists(path)) throw new ForeignModelException($"model file '{path}' does not exist");
    }

    public static TorchScriptClassifier Load(string path, ModelMetadata metadata)
    {
        RequireFile(path);
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

    public override void train(bool train = true)
    {
        base.train(train);
        module.train(train);
    }

    /// <summary>
    /// An independent copy with this model's current weights (TorchSharp's load_state_dict refuses a script module's state
    /// dict, so the module itself is written and read back through a temporary file).
    /// </summary>
    public override ForeignClassifier Copy()
    {
        var temporary = Path.Combine(Path.GetTempPath(), $"repro-copy-{Guid.NewGuid():N}.pt");
        try
        {
            jit.save(module, temporary);
            var copy = new TorchScriptClassifier(jit.load(temporary), (LoadedModelSpec)Architecture);
            copy.train(training);
            return copy;
        }
        finally { File.Delete(temporary); }
    }

    protected override void WriteNetwork(string path) =>
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

    protected override Tensor Call(string method, Tensor input)
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

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // Module.Dispose walks named_modules, which asks the script module for its children after disposing it: unregister it and dispose it here.
            ClearModules();
            module.Dispose();
        }
        base.Dispose(disposing);
    }
}
