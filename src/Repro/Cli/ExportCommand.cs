using System.CommandLine;
using Repro.Harness;
using Repro.Models.Foreign;
using static TorchSharp.torch;

namespace Repro.Cli;

/// <summary>
/// `repro export --model M --out F [--format safetensors|torch-save|torchsharp] [--names repro|pytorch] [--name N]`: a model Repro
/// trained (a cache artifact) or any Repro architecture's weights, written as a weights file with its &lt;stem&gt;.json
/// metadata beside it, the format `repro audit`, `harden` and `serve` read. The written file is read back and its logits
/// compared with the source's before the command succeeds.
/// </summary>
public static class ExportCommand
{
    static readonly Dictionary<string, ModelFileKind> Formats = new()
    {
        ["safetensors"] = ModelFileKind.Safetensors,
        ["torch-save"] = ModelFileKind.TorchSaveStateDict,
        ["torchsharp"] = ModelFileKind.Other,
    };

    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "A Repro cache artifact (its folder or its model.bin), or a Repro architecture's weights file with its <stem>.json metadata", Required = true };
        var output = new Option<string>("--out") { Description = "The weights file to write (its <stem>.json metadata is written beside it)", Required = true };
        var format = new Option<string>("--format") { Description = "safetensors, torch-save (a torch.save state dict, for torch.load) or torchsharp (TorchSharp's model.save)", DefaultValueFactory = _ => "safetensors" };
        format.AcceptOnlyFromAmong(Formats.Keys.ToArray());
        var names = new Option<string>("--names") { Description = "repro (Repro's state-dict names, every buffer) or pytorch (the PyTorch reference layout's: torchvision/kuangliu ResNet, MobileNetV2, SqueezeNet; float models only)", DefaultValueFactory = _ => "repro" };
        names.AcceptOnlyFromAmong("repro", "pytorch");
        var name = new Option<string?>("--name") { Description = "The model's name in the metadata (tables, headlines; default: the source's name, e.g. \"ResNet-mini model-4e686afb486fe53f\")" };
        var force = new Option<bool>("--force") { Description = "Replace an existing weights file and its metadata (never a <stem>.json that is not Repro's model metadata)" };
        var command = new Command("export", "Write a model Repro trained (a cache artifact) as a weights file with its metadata, for audit, harden and serve")
        {
            model, output, format, names, name, force,
        };
        command.SetAction(parse =>
        {
            string source = parse.GetValue(model)!, target = Path.GetFullPath(parse.GetValue(output)!);
            using var loaded = ModelFiles.Load(source, "--model");
            if (loaded is not ReproArchitectureClassifier repro)
                throw new ArgumentException($"--model '{source}' is {loaded.Architecture.Describe()}, a whole network; export writes the weights of a Repro architecture " +
                    "(audit, harden and serve read the file as it is)");
            if (Directory.Exists(target)) throw new ArgumentException($"--out '{target}' is a folder; expected a file name such as model.safetensors");
            if (Path.GetFullPath(repro.SourcePath) == target || ModelMetadata.PathBeside(target) == ModelMetadata.PathBeside(repro.SourcePath))
                throw new ArgumentException($"--out '{target}' would overwrite the model it is exported from");
            var metadataPath = ModelMetadata.PathBeside(target);
            if (metadataPath == target)
                throw new ArgumentException($"--out '{target}' is the name of its own metadata file (<stem>.json); name the weights file .safetensors, .pt or .bin");
            var sibling = Directory.Exists(Path.GetDirectoryName(target)) ? Directory.EnumerateFiles(Path.GetDirectoryName(target)!, Path.GetFileNameWithoutExtension(target) + ".*")
                .FirstOrDefault(f => f != target && f != metadataPath) : null;
            // <stem>.json belongs to every file of that stem: writing it for this export would change another model's metadata.
            if (sibling is not null && File.Exists(metadataPath))
                throw new ArgumentException($"--out '{target}': '{metadataPath}' is already the metadata of '{sibling}'; choose another file name");
            RefuseToReplace(target, metadataPath, parse.GetValue(force));
            var metadata = repro.Metadata with { Name = parse.GetValue(name) ?? repro.Metadata.Name ?? ModelFiles.DefaultName(source), Hardening = repro.Metadata.Hardening };
            // Written and read back in a folder of its own beside the target, then moved into place: a failed export leaves nothing.
            var staging = Directory.CreateDirectory(Path.Combine(Path.GetDirectoryName(target)!, $".repro-export-{Environment.ProcessId}-{Guid.NewGuid():N}"));
            double gap;
            string description;
            try
            {
                var staged = Path.Combine(staging.FullName, Path.GetFileName(target));
                repro.Export(staged, Formats[parse.GetValue(format)!], parse.GetValue(names) == "pytorch", metadata);
                using (var written = ModelFiles.Load(staged))
                {
                    gap = MaxLogitGap(repro, written);
                    description = written.Architecture.Describe();
                }
                // The same arithmetic on the same weights: anything beyond rounding means the file does not hold the model.
                if (!(gap <= 1e-4)) throw new InvalidOperationException($"'{target}' reads back with logits {gap:G3} away from '{source}'s: a bug in the export");
                File.Move(staged, target, overwrite: true);
                File.Move(ModelMetadata.PathBeside(staged), metadataPath, overwrite: true);
            }
            finally
            {
                staging.Delete(recursive: true);
            }
            Console.WriteLine($"wrote {target} ({parse.GetValue(format)}, {parse.GetValue(names)} names) and {Path.GetFileName(ModelMetadata.PathBeside(target))}: " +
                $"{description}; read back, its logits on 64 random images differ from the source's by at most {gap:G3}");
            return 0;
        });
        return command;
    }

    /// <summary>
    /// An existing weights file or metadata is replaced only with --force, and a &lt;stem&gt;.json that is not Repro's model
    /// metadata (a user's notes, another tool's file) never: each refusal names the file.
    /// </summary>
    static void RefuseToReplace(string target, string metadataPath, bool force)
    {
        foreach (var path in new[] { target, metadataPath }.Where(File.Exists))
            if (!force) throw new ArgumentException($"--out: '{path}' exists; pass --force to replace it");
        if (!File.Exists(metadataPath)) return;
        try
        {
            ModelMetadata.Read(metadataPath, target);
        }
        catch (Exception e) when (Failures.Failure.Of(e) is { IsBug: false })
        {
            // Not the reader's own words (they name .NET types): what the file is not, and that it is safe.
            throw new ArgumentException($"--out: '{metadataPath}' exists and is not Repro's model metadata (a JSON object with \"input\", \"classes\" and Repro's other fields); " +
                "it is left as it is: choose another file name");
        }
    }

    static double MaxLogitGap(ForeignClassifier a, ForeignClassifier b)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var images = rand(new long[] { 64, a.Input.Channels, a.Input.Height, a.Input.Width }, generator: new TorchSharp.torch.Generator(0));
        return (a.forward(images) - b.forward(images)).abs().max().item<float>();
    }
}
