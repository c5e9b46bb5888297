using Repro.Harness;
using Repro.Models;
using Repro.Profiles;
using Repro.Training;
using static TorchSharp.torch;

namespace Repro.Unit.Harness;

/// <summary>The device check's measurements run the real code paths on any device; on the CPU they compare it with itself.</summary>
public class DeviceCheckTests
{
    /// <summary>The fast profile's training settings on a batch small enough for the CPU.</summary>
    static TrainingSettings FastSettings(int batch) => FastProfile.Create().Training with { BatchSize = batch };

    [Test]
    public void ConvolutionAgreement_OnTheCpu_IsExact()
    {
        DeviceCheck.ConvolutionAgreement(CPU).Should().Be((0.0, 0.0));
    }

    [Test]
    public void ResidentBatchesMatchTheCpu_OnTheCpu_True()
    {
        DeviceCheck.ResidentBatchesMatchTheCpu(CPU).Should().BeTrue();
    }

    [Test]
    public void SecondsPerTrainingStep_FastSettingsOnTheSmokeServer_PositiveAndFinite()
    {
        // Channels-last batches, Nesterov and the one-cycle schedule through the one Trainer; TF32 is a no-op on a CPU.
        double seconds = DeviceCheck.SecondsPerTrainingStep(SmokeProfile.Server, FastSettings(16), CrossEntropyObjective.Instance, CPU, steps: 2, warmup: 1);

        seconds.Should().BePositive().And.Match(s => double.IsFinite(s));
    }

    [Test]
    public void Throughputs_OfTheSmokeServer_ArePositive()
    {
        using var model = SmokeProfile.Server.Create(InputShape.Cifar10, 10, seed: 0);

        DeviceCheck.ForwardImagesPerSecond(model, CPU, batch: 8, repeats: 2).Should().BePositive();
        DeviceCheck.InputGradientImagesPerSecond(model, CPU, batch: 8, repeats: 2).Should().BePositive();
    }

    [Test, Category("Gpu")]
    public void Checks_OnCuda_AgreeWithTheCpu()
    {
        if (!cuda.is_available()) Assert.Ignore("needs CUDA (build with -p:TorchBackend=cuda on a GPU runner); this machine has none");
        Repro.Runtime.TensorFloat32.Forbid();

        var (forward, gradient) = DeviceCheck.ConvolutionAgreement(CUDA);

        forward.Should().BeLessThan(1e-4, "IEEE float32 convolutions differ only by summation order");
        gradient.Should().BeLessThan(1e-3);
        DeviceCheck.ChannelsLastReachesConvolutions(CUDA).Should().BeTrue();
        DeviceCheck.ResidentBatchesMatchTheCpu(CUDA).Should().BeTrue();
    }
}
