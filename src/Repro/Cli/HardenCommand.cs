using System.CommandLine;
using System.Globalization;
using Repro.Audit;
using Repro.Models.Foreign;

namespace Repro.Cli;

/// <summary>
/// `repro harden --server S --on-device D --data DIR`: fine-tunes D with similarity unpairing against S (finetune-last),
/// writes each hardened sibling in its own format (TorchScript, ONNX with the graph unchanged, or a Repro architecture's weights as safetensors or the state dict it came in) beside the report, audits it (with the adaptive attacks) and writes the
/// before/after page out/harden.html. --sweep audits one sibling per λ and draws the trade-off.
/// </summary>
public static class HardenCommand
{
    public static Command Create()
    {
        var options = new AuditOptions();
        var penalty = new Option<string>("--penalty") { Description = $"input-gradient (the paper's signed cosine), abs-cos (|cos|) or cos2 (cos²)", DefaultValueFactory = _ => "input-gradient" };
        penalty.AcceptOnlyFromAmong(Hardener.Penalties.Keys.ToArray());
        var lambda = new Option<double>("--lambda") { Description = "Weight of the penalty", DefaultValueFactory = _ => 1.0 };
        var sweep = new Option<string?>("--sweep") { Description = "Comma-separated λ values: one hardened sibling and audit each (replaces --lambda)" };
        var recipe = HardenSettings.Default().Schedule;
        var epochs = new Option<int?>("--epochs") { Description = $"Fine-tuning epochs (default {recipe.Epochs}: the harness's finetune-last, 10% of the mini profile's 15 training epochs)" };
        var learningRate = new Option<double?>("--lr") { Description = $"Peak learning rate (SGD, momentum {recipe.Momentum}, weight decay {recipe.WeightDecay}, {recipe.Schedule} schedule; default {recipe.LearningRate}, the training rate, as the harness's finetune-last). A sibling whose batch norms are folded away may collapse at it: try 0.01" };
        var warmup = new Option<double?>("--warmup") { Description = $"Linear warm-up in epochs (default {recipe.WarmupEpochs}, as the harness's finetune-last)" };
        var batchSize = new Option<int?>("--batch-size") { Description = $"Fine-tuning batch size (default {recipe.BatchSize})" };
        var trainImages = new Option<int?>("--train-images") { Description = "Fine-tune on a seeded draw of this many training images (default: all, as the harness does)" };
        var maxCost = new Option<double>("--max-accuracy-cost") { Description = $"Accuracy points a hardened sibling may lose and still get a verdict; beyond it, 'no usable sibling' (default {HardenReport.DefaultMaxAccuracyCost}: above the 10.2 points the harness's own mini finetune-last costs, below the 23 the paper calls a large drop)", DefaultValueFactory = _ => HardenReport.DefaultMaxAccuracyCost };
        var command = new Command("harden", "Fine-tune the on-device model to be a worse prior for attacks on the server, write it back, and audit before and after");
        foreach (var option in options.All.Concat(new Option[] { penalty, lambda, sweep, epochs, learningRate, warmup, batchSize, trainImages, maxCost })) command.Options.Add(option);
        command.SetAction(parse =>
        {
            var settings = options.Settings(parse);
            var lambdas = Lambdas(parse.GetValue(sweep), parse.GetValue(lambda));
            var hardenSettings = HardenSettings.Default(parse.GetValue(options.Seed));
            hardenSettings = hardenSettings with
            {
                Schedule = hardenSettings.Schedule with
                {
                    Epochs = parse.GetValue(epochs) ?? hardenSettings.Schedule.Epochs,
                    LearningRate = parse.GetValue(learningRate) ?? hardenSettings.Schedule.LearningRate,
                    WarmupEpochs = parse.GetValue(warmup) ?? hardenSettings.Schedule.WarmupEpochs,
                    BatchSize = parse.GetValue(batchSize) ?? hardenSettings.Schedule.BatchSize,
                },
                TrainImages = parse.GetValue(trainImages),
            };
            var schedule = hardenSettings.Schedule;
            if (schedule.Epochs < 1) throw new ArgumentException($"--epochs must be at least 1, got {schedule.Epochs}");
            if (!(schedule.LearningRate > 0) || !double.IsFinite(schedule.LearningRate)) throw new ArgumentException($"--lr must be a positive number, got {schedule.LearningRate}");
            if (!(schedule.WarmupEpochs >= 0) || !double.IsFinite(schedule.WarmupEpochs)) throw new ArgumentException($"--warmup must be a finite number of epochs >= 0, got {schedule.WarmupEpochs}");
            if (schedule.BatchSize < 1) throw new ArgumentException($"--batch-size must be at least 1, got {schedule.BatchSize}");
            if (hardenSettings.TrainImages is int t && t < 1) throw new ArgumentException($"--train-images must be at least 1, got {t}");
            double maxAccuracyCost = parse.GetValue(maxCost);
            if (!(maxAccuracyCost >= 0) || !double.IsFinite(maxAccuracyCost)) throw new ArgumentException($"--max-accuracy-cost must be a finite number of points >= 0, got {maxAccuracyCost}");
            var (server, serverModel) = AuditOptions.LoadServer(parse.GetValue(options.Server)!);
            using var ownedServer = serverModel;
            if (serverModel is null) throw new ArgumentException("hardening trains against the server's input-gradients: --server must be a local model file");
            using var device = Harness.ModelFiles.Load(parse.GetValue(options.Device)!, "--on-device");
            AuditOptions.RequireSameInput(serverModel, device);
            var progress = new ConsoleProgress(Console.Out);
            using var images = AuditImages.Load(parse.GetValue(options.Data)!, device.Metadata, settings, needTrain: true);
            string output = options.OutputFolder(parse);
            string checkpoints = Path.Combine(output, "checkpoints");
            string Key(ForeignClassifier d, bool adaptive) =>
                $"{server.Identity}|{d.Architecture.Describe()}|{images.Identity}|{(settings with { Adaptive = adaptive }).Describe()}";
            var auditor = new Auditor(settings with { Adaptive = true }, progress);
            progress.Note("auditing the published sibling (with the adaptive attacks, for comparison)");
            var before = auditor.Run(server, device, device.Metadata.Hardening, images, new AuditCheckpoint(checkpoints, Key(device, true)));
            var hardener = new Hardener(hardenSettings, progress);
            progress.Note($"fine-tuning recipe: {hardenSettings.Describe()}");
            var runs = new List<HardenRun>();
            string name = parse.GetValue(penalty)!;
            foreach (double l in lambdas)
            {
                string label = l.ToString("G", CultureInfo.InvariantCulture);
                string target = Path.Combine(output, $"{Harness.ModelFiles.DefaultName(device.SourcePath)}-hardened-{name}-{label}{Path.GetExtension(device.SourcePath)}");
                string hardening = $"similarity unpairing against {server.Name}: {name} penalty, λ = {label}, {hardenSettings.Describe()}";
                ForeignClassifier hardened;
                double seconds = 0;
                if (File.Exists(target) && File.Exists(ModelMetadata.PathBeside(target)) && TryReuse(target, hardening) is { } reused)
                {
                    progress.Note($"reusing {target} (written by an earlier run with the same settings)");
                    hardened = reused;
                }
                else
                {
                    var (model, trainSeconds) = hardener.Run(serverModel, device, images.Train!, name, l);
                    seconds = trainSeconds;
                    Directory.CreateDirectory(output);
                    using (model) ((ForeignClassifier)model).Save(target, device.Metadata with { Name = $"{device.Architecture.DisplayName} hardened ({name}, λ={label})", Hardening = hardening });
                    hardened = Harness.ModelFiles.Load(target);
                }
                using (hardened)
                {
                    var after = auditor.Run(server, hardened, hardened.Metadata.Hardening, images, new AuditCheckpoint(checkpoints, Key(hardened, true)));
                    runs.Add(new HardenRun(name, l, schedule.Epochs, target, seconds, after));
                    progress.Note($"λ = {label}: {HardenReport.Verdict(after, before, maxAccuracyCost)}");
                    if (hardened is OnnxClassifier onnx)
                        progress.Note($"{Path.GetFileName(target)} under ONNX Runtime: accuracy {RuntimeAccuracy(onnx, images.Test):F1}% " +
                            $"(imported: {Accuracy(onnx, images.Test):F1}%; a QDQ model runs integer kernels there, which round differently)");
                }
            }
            var report = new HardenReport(before, runs, hardenSettings.Describe(), maxAccuracyCost);
            AuditOptions.WritePage(output, "harden", before, report);
            foreach (var run in runs) Console.WriteLine($"{run.Penalty} λ={run.Lambda}: {run.Audit.Headline} Against the adaptive attacker: {report.VerdictOf(run.Audit)}. Written: {run.Output}");
            Console.WriteLine($"wrote {Path.Combine(output, "harden.html")} and harden.json");
            return 0;
        });
        return command;
    }

    /// <summary>Top-1 accuracy (%) of the written .onnx file as ONNX Runtime runs it: the shipped artefact, not the imported module.</summary>
    static double RuntimeAccuracy(OnnxClassifier model, Data.LabeledImages test) => Accuracy(test, model.RuntimeLogits);

    static double Accuracy(OnnxClassifier model, Data.LabeledImages test)
    {
        model.eval();
        using var noGrad = TorchSharp.torch.no_grad();
        return Accuracy(test, model.forward);
    }

    static double Accuracy(Data.LabeledImages test, Func<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor> logits)
    {
        using var scope = TorchSharp.torch.NewDisposeScope();
        long correct = 0;
        for (long start = 0; start < test.Count; start += 250)
        {
            long n = Math.Min(250, test.Count - start);
            correct += logits(test.Images.narrow(0, start, n)).argmax(1).eq(test.Labels.narrow(0, start, n)).sum().item<long>();
        }
        return 100.0 * correct / test.Count;
    }

    static ForeignClassifier? TryReuse(string path, string hardening)
    {
        var model = Harness.ModelFiles.Load(path);
        if (model.Metadata.Hardening == hardening) return model;
        model.Dispose();
        return null;
    }

    static IReadOnlyList<double> Lambdas(string? sweep, double lambda)
    {
        if (sweep is null)
        {
            if (!double.IsFinite(lambda) || lambda < 0) throw new ArgumentException($"--lambda must be a finite number >= 0, got {lambda}");
            return new[] { lambda };
        }
        var values = new List<double>();
        foreach (var part in sweep.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v) || v < 0)
                throw new ArgumentException($"--sweep '{sweep}': '{part}' is not a finite number >= 0");
            values.Add(v);
        }
        if (values.Count == 0) throw new ArgumentException("--sweep needs at least one λ, e.g. --sweep 0.1,1,10");
        return values;
    }
}
