using System.Security.Cryptography;
using Repro.Profiles;
using Repro.Progress;
using Repro.Harness;

namespace Repro.Unit.Harness;

/// <summary>
/// Same commit, profile and recipe, same bits (DESIGN.md §6): the models a profile builds are bit-identical
/// whether they are built one after another or on parallel workers (finishing in any order), and a training
/// interrupted after a checkpoint and resumed ends where an uninterrupted one does. Compared through the
/// SHA-256 of every cached model file, at a smoke scale with three epochs so that a resume has a checkpoint.
/// </summary>
[Category("Slow")]
public class DeterminismTests
{
    static Profile Scale() => SmokeProfile.Create() with { Training = SmokeProfile.Create().Training with { Epochs = 3, CheckpointEvery = 1 } };

    /// <summary>Builds a mix of Table I's recipes (trained, derived, distilled, other architectures); returns model key -> file hash.</summary>
    static IReadOnlyDictionary<string, string> Build(string cache, int workers, IProgressSink? progress = null)
    {
        var environment = RunEnvironment.Detect(cacheOverride: cache);
        using var context = new RunContext(Scale(), environment, progress ?? SilentProgress.Instance, workers: workers);
        var p = context.Profile.Models;
        var zoo = context.Zoo;
        var handles = new Func<ModelHandle>[]
        {
            () => zoo.Trained("nas", p.NasNet, 0),
            () => zoo.Distilled(p.ResNet18, 0),
            () => zoo.Trained("manual", p.SqueezeNet, 0),
            () => zoo.ANew(0),
            () => zoo.Quantized(0),
            () => zoo.Pruned(0),
        };
        context.ForEach(handles, make => _ = make().Model);
        return Directory.GetFiles(context.Artifacts.Root, "model.bin", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetFileName(Path.GetDirectoryName(f)!), f => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f))));
    }

    [Test]
    public void Build_OneWorkerOrTwo_GivesBitIdenticalModels()
    {
        var root = Directory.CreateTempSubdirectory("determinism-");
        try
        {
            var serial = Build(Path.Combine(root.FullName, "serial"), workers: 1);
            var parallel = Build(Path.Combine(root.FullName, "parallel"), workers: 2);

            serial.Should().HaveCountGreaterThanOrEqualTo(7, "the server, six siblings and their parents were built");
            parallel.Should().Equal(serial, "every model must have the same bits whatever the number of workers");
        }
        finally { root.Delete(recursive: true); }
    }

    [Test]
    public void Build_InterruptedAfterACheckpointAndResumed_GivesTheUninterruptedModel()
    {
        var root = Directory.CreateTempSubdirectory("resume-");
        try
        {
            var whole = Server(Path.Combine(root.FullName, "whole"), SilentProgress.Instance);
            var cache = Path.Combine(root.FullName, "interrupted");
            // Progress is reported before the epoch's checkpoint is written: dying at epoch 3's report leaves epoch 2's.
            var interrupt = new InterruptAfterEpoch(task: "server", epoch: 3);
            var interrupted = () => Server(cache, interrupt);
            interrupted.Should().Throw<SimulatedKill>();
            Directory.GetFiles(cache, "epoch-2.model", SearchOption.AllDirectories).Should().ContainSingle("the run died after its epoch-2 checkpoint");

            var resumed = Server(cache, SilentProgress.Instance);

            resumed.Should().Be(whole, "resuming from the epoch-2 checkpoint must end on the same bits");
        }
        finally { root.Delete(recursive: true); }
    }

    static string Server(string cache, IProgressSink progress)
    {
        var environment = RunEnvironment.Detect(cacheOverride: cache);
        using var context = new RunContext(Scale(), environment, progress, workers: 1);
        return Repro.Models.WeightsHash.Of(context.Zoo.Server(0).Model);
    }

    sealed class SimulatedKill : Exception;

    /// <summary>Stands in for a kill: stops the work when a given epoch of a given task is reported.</summary>
    sealed class InterruptAfterEpoch(string task, int epoch) : IProgressSink
    {
        public void Report(string name, long done, long total, string? detail = null)
        {
            if (name.StartsWith(task, StringComparison.Ordinal) && done == epoch) throw new SimulatedKill();
        }

        public void Note(string message) { }
    }
}
