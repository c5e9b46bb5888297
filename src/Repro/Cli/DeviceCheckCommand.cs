using System.CommandLine;
using System.Globalization;
using Repro.Failures;
using Repro.Harness;
using Repro.Models;
using Repro.Paper;
using Repro.Profiles;
using Repro.Reporting;
using Repro.Runtime;
using Repro.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Cli;

/// <summary>
/// `repro device-check`: before a GPU run, whether TorchSharp loads and sees CUDA here (with REPRO_TORCH_LIB, from
/// another libtorch such as a Python install's), whether the device computes what the CPU does, and how fast it runs
/// a profile's training steps, P-RGF oracle and prior gradients; from those, the device time of Table I's CIFAR-10
/// rows at that profile. On a machine without CUDA it says so and times nothing for a GPU profile.
/// scripts/gpu/device-check.sh runs it on a GPU machine.
/// </summary>
public static class DeviceCheckCommand
{
    public static Command Create()
    {
        var profile = CommonOptions.Profile();
        profile.DefaultValueFactory = _ => "fast";
        var steps = new Option<int>("--steps") { Description = "Timed training steps per architecture (0: no timing)", DefaultValueFactory = _ => 10 };
        var batch = new Option<int?>("--batch") { Description = "Training batch for the timing (default: the profile's); the estimate scales it per image" };
        var requireCuda = new Option<bool>("--require-cuda") { Description = "Exit with 1 (a check answered no) when CUDA is not available" };
        var baselines = CommonOptions.Baselines();
        var command = new Command("device-check", "Check that TorchSharp runs on this machine's GPU, and time a profile's work on it")
        {
            profile, steps, batch, requireCuda, baselines,
        };
        command.SetAction(parse =>
        {
            var chosen = ProfileCatalog.Get(parse.GetValue(profile)!);
            int timedSteps = parse.GetValue(steps);
            if (timedSteps < 0) throw new ArgumentException($"--steps must be 0 or more, got {timedSteps}");
            if (parse.GetValue(batch) is < 1 and var b) throw new ArgumentException($"--batch must be 1 or more, got {b}");

            Line("torch library", TorchLibraryPreload.Outcome is { } preload
                ? $"{TorchLibraryPreload.Variable}={preload.Describe()}"
                : $"TorchSharp's own natives ({TorchLibraryPreload.Variable} unset)");
            if (TorchLibraryPreload.Outcome is { Succeeded: false })
                return Fail($"the libtorch of {TorchLibraryPreload.Variable} did not load (see 'torch library' above)");
            string libtorch;
            bool cudaAvailable;
            try
            {
                libtorch = torch.__version__;   // the first touch of torch loads its natives (its static constructor)
                cudaAvailable = cuda.is_available();
            }
            catch (Exception e) when (e is TypeInitializationException or NotSupportedException or DllNotFoundException or EntryPointNotFoundException)
            {
                // TorchSharp has printed its load trace; name what failed in one line.
                var cause = e is TypeInitializationException { InnerException: { } inner } ? inner : e;
                Line("TorchSharp", "did not load");
                return Fail($"TorchSharp's native library did not load here ({cause.GetType().Name}: {FirstLine(cause.Message)}); "
                    + "on a machine with libtorch of its own, compare its version with the one TorchSharp was built for (scripts/gpu/device-check.sh lists the unresolved symbols)");
            }
            Line("TorchSharp", $"{typeof(torch).Assembly.GetName().Version} (built for libtorch {libtorch})");
            Line("CUDA", cudaAvailable
                ? $"available: {cuda.device_count()} device(s), cuDNN {(cuda.is_cudnn_available() ? "yes" : "no")}"
                : "not available: no CUDA libtorch was loaded or no GPU is visible; nothing below ran on a GPU");
            if (!cudaAvailable && parse.GetValue(requireCuda)) return Fail("CUDA is not available (--require-cuda)");
            var device = cudaAvailable ? CUDA : CPU;
            if (cudaAvailable)
            {
                Line("TF32 defaults", $"cuDNN {OnOff(backends.cudnn.allow_tf32)}, cuBLAS {OnOff(backends.cuda.matmul.allow_tf32)} (a Repro run on CUDA turns both off; training steps that ask for TF32 hold it)");
                TensorFloat32.Forbid();
                var (forward, gradient) = DeviceCheck.ConvolutionAgreement(device);
                Line("convolution", Invariant($"max |CUDA - CPU|: forward {forward:G3}, input gradient {gradient:G3} (IEEE float32)"));
                Line("channels-last", DeviceCheck.ChannelsLastReachesConvolutions(device) ? "kept through a convolution" : "NOT kept: the convolution returned another layout");
                Line("batches", DeviceCheck.ResidentBatchesMatchTheCpu(device) ? "drawn on the GPU: bit-identical to the CPU's" : "drawn on the GPU DIFFER from the CPU's");
            }
            if (timedSteps == 0) return 0;
            if (!cudaAvailable && chosen.RequiresGpu)
            {
                Line("timing", $"skipped: profile '{chosen.Name}' is for a GPU and this run has none (--profile smoke times this CPU)");
                return 0;
            }
            var paper = PaperBaseline.Load(Path.Combine(RepositoryPaths.Discover(baselines: parse.GetValue(baselines)).PaperBaselines, nameof(Table01_OnDevicePriors) + ".csv"));
            Time(chosen, device, timedSteps, parse.GetValue(batch) ?? chosen.Training.BatchSize, paper);
            return 0;
        });
        return command;
    }

    static int Fail(string reason)
    {
        Console.Error.WriteLine($"repro: {reason}");
        return (int)ExitCode.CheckDiffers;
    }

    static void Time(Profile profile, Device device, int steps, int batch, PaperBaseline paper)
    {
        var settings = profile.Training with { BatchSize = batch };
        double perImage = (double)profile.Training.BatchSize / batch;
        Line("training steps", $"profile '{profile.Name}' on {device.type}: batch {batch}, {settings.Precision}, {(settings.ChannelsLast ? "channels-last" : "NCHW")}, {steps} timed steps each on synthetic images");
        using var teacher = profile.Models.Server.Create(InputShape.Cifar10, 10, seed: 1);
        teacher.to(device).eval();
        var m = profile.Mechanisms;
        var distillation = new DistillationLoss(teacher, m.DistillationTemperature, m.DistillationRatio, m.DistillationScaleByTemperatureSquared);
        var measured = new Dictionary<string, double>();
        foreach (var training in Table01Budget.Trainings(profile).DistinctBy(Key))
        {
            double seconds = DeviceCheck.SecondsPerTrainingStep(training.Architecture, settings, training.Distilled ? distillation : CrossEntropyObjective.Instance, device, steps);
            measured[Key(training)] = seconds * perImage;
            Line($"  {training.Architecture.DisplayName}{(training.Distilled ? " (distilled)" : "")}", Invariant(
                $"{seconds * 1000:F1} ms/step, {seconds * perImage * StepsPerEpoch(profile):F1} s/epoch at batch {profile.Training.BatchSize}"));
        }
        if (settings.Precision != TrainingPrecision.Float32 || settings.ChannelsLast)
        {
            double plain = DeviceCheck.SecondsPerTrainingStep(profile.Models.Server, settings with { Precision = TrainingPrecision.Float32, ChannelsLast = false }, CrossEntropyObjective.Instance, device, steps);
            Line($"  {profile.Models.Server.DisplayName} at Float32, NCHW", Invariant($"{plain * 1000:F1} ms/step (for comparison)"));
        }
        using var server = profile.Models.Server.Create(InputShape.Cifar10, 10, seed: 2);
        server.to(device);
        // The oracle's own chunk, unless a smaller training batch was asked for (a quick check on a CPU).
        int oracleBatch = batch == profile.Training.BatchSize ? profile.Query.OracleBatchSize : batch;
        double oracle = DeviceCheck.ForwardImagesPerSecond(server, device, oracleBatch, repeats: Math.Max(1, steps / 2));
        Line("P-RGF oracle", Invariant($"{profile.Models.Server.DisplayName} forward, eval, IEEE float32, batch {oracleBatch}: {oracle:F0} images/s"));
        var priors = new Dictionary<string, double>();
        foreach (var prior in Table01_OnDevicePriors.CifarRows.Select(r => Table01Budget.PriorOf(r.Id, profile)).OfType<ArchitectureSpec>().DistinctBy(a => a.Describe()))
        {
            using var model = prior.Create(InputShape.Cifar10, 10, seed: 3);
            model.to(device);
            priors[prior.Describe()] = DeviceCheck.InputGradientImagesPerSecond(model, device, batch, repeats: Math.Max(1, steps / 2));
            Line($"  prior {prior.DisplayName}", Invariant($"input gradient, eval, batch {batch}: {priors[prior.Describe()]:F0} images/s"));
        }
        var budget = Table01Budget.Estimate(profile, TrainImages(profile), paper, t => measured[Key(t)], oracle, a => priors[a.Describe()]);
        Line("Table I CIFAR-10", $"estimate at '{profile.Name}' on this device (the timings above, the paper's #Q per row): {budget.Describe()}"
            + (batch != profile.Training.BatchSize ? $" (training timed at batch {batch}, scaled per image)" : ""));
    }

    /// <summary>Images per training epoch: the profile's slice, else CIFAR-10's whole training split.</summary>
    static int TrainImages(Profile profile) => profile.Data.TrainImages ?? 50000;

    static long StepsPerEpoch(Profile profile) => (TrainImages(profile) + profile.Training.BatchSize - 1) / profile.Training.BatchSize;

    static string Key(Table01Budget.Training t) => $"{t.Architecture.Describe()}|{t.Distilled}";

    static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    static string OnOff(bool on) => on ? "on" : "off";

    static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    static void Line(string name, string value) => Console.WriteLine($"{name,-28} {value}");
}
