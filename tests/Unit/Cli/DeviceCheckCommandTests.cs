using Repro.Failures;
using static TorchSharp.torch;

namespace Repro.Unit.Cli;

/// <summary>`repro device-check` on a machine without CUDA (this one): it says so, times only what the CPU can, and fails only when asked to require CUDA.</summary>
public class DeviceCheckCommandTests
{
    CliSandbox sandbox = null!;

    [SetUp]
    public void Create()
    {
        if (cuda.is_available()) Assert.Ignore("these tests describe a machine without CUDA; scripts/gpu/device-check.sh checks a GPU machine");
        sandbox = new CliSandbox();
    }

    [TearDown] public void Delete() => sandbox?.Dispose();

    static string TorchSharpsNatives => Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native");

    [Test]
    public void DeviceCheck_FastProfileWithoutCuda_SaysSoAndSkipsTheTiming()
    {
        var outcome = sandbox.Run(["device-check"]);

        outcome.ExitCode.Should().Be(0, outcome.ToString());
        outcome.Out.Should().Contain("torch library                TorchSharp's own natives (REPRO_TORCH_LIB unset)")
            .And.Contain("CUDA                         not available: no CUDA libtorch was loaded or no GPU is visible; nothing below ran on a GPU")
            .And.Contain("timing                       skipped: profile 'fast' is for a GPU and this run has none");
    }

    [Test]
    public void DeviceCheck_RequireCudaWithoutCuda_ExitsOneSayingWhy()
    {
        var outcome = sandbox.Run(["device-check", "--require-cuda"]);

        outcome.ExitCode.Should().Be((int)ExitCode.CheckDiffers, outcome.ToString());
        outcome.Error.Should().Be("repro: CUDA is not available (--require-cuda)\n");
    }

    [Test]
    public void DeviceCheck_SmokeProfileOnTheCpu_TimesEachTrainingAndEstimatesTableI()
    {
        var outcome = sandbox.Run(["device-check", "--profile", "smoke", "--steps", "1", "--baselines", sandbox.Baselines]);

        outcome.ExitCode.Should().Be(0, outcome.ToString());
        outcome.Out.Should().Contain("training steps               profile 'smoke' on CPU")
            .And.Contain("ms/step").And.Contain("P-RGF oracle").And.Contain("prior ")
            .And.MatchRegex(@"Table I CIFAR-10 +estimate at 'smoke' on this device \(the timings above, the paper's #Q per row\): training .* \(1 seed\)");
    }

    [Test]
    public void DeviceCheck_TorchLibNamingTorchSharpsOwnLibtorch_PreloadsItAndRuns()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists(Path.Combine(TorchSharpsNatives, "libc10.so"))) Assert.Ignore($"no linux-x64 libtorch in {TorchSharpsNatives}");

        var outcome = sandbox.Run(["device-check", "--steps", "0"], new Dictionary<string, string?> { ["REPRO_TORCH_LIB"] = TorchSharpsNatives });

        outcome.ExitCode.Should().Be(0, outcome.ToString());
        outcome.Out.Should().Contain($"REPRO_TORCH_LIB={TorchSharpsNatives}: libc10.so loaded;").And.Contain("libtorch.so loaded")
            .And.Contain("CUDA                         not available");
    }

    [Test]
    public void DeviceCheck_TorchLibMissing_ExitsOneNamingTheVariable()
    {
        var outcome = sandbox.Run(["device-check", "--steps", "0"], new Dictionary<string, string?> { ["REPRO_TORCH_LIB"] = "/nonexistent/torch/lib" });

        outcome.ExitCode.Should().Be((int)ExitCode.CheckDiffers, outcome.ToString());
        outcome.Out.Should().Contain("REPRO_TORCH_LIB=/nonexistent/torch/lib: the folder does not exist");
        outcome.Error.Should().Be("repro: the libtorch of REPRO_TORCH_LIB did not load (see 'torch library' above)\n");
    }
}
