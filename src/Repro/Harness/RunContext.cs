using Repro.Profiles;
using TorchSharp;
using static TorchSharp.torch;
using Repro.Progress;
using Repro.Harness.Artifacts;
using Repro.Claims;

namespace Repro.Harness;

/// <summary>
/// What one run works with: the profile (protocol and scale), the machine's environment, the
/// artifact cache, the device and where progress goes. Experiments get everything through it.
/// </summary>
public sealed class RunContext : IDisposable
{
    readonly Lazy<ProfileData> data;
    readonly Lazy<UnpairedModels> unpaired;
    readonly Lazy<RobustModels> robust;

    readonly int? workers;

    /// <param name="workers">How many independent builds and evaluations may run at once (default: see <see cref="Workers"/>); results do not depend on it.</param>
    /// <param name="planning">Walks experiments through without building or measuring, recording what they ask for (Planning.ArtifactPlanner).</param>
    public RunContext(Profile profile, RunEnvironment environment, IProgressSink progress, torch.Device? device = null, int? workers = null,
        Planning.PlanRecorder? planning = null)
    {
        if (workers is < 1) throw new ArgumentOutOfRangeException(nameof(workers), workers, "at least one worker");
        this.workers = workers;
        Profile = profile;
        Environment = environment;
        Progress = progress;
        Device = device ?? (environment.CudaAvailable ? torch.CUDA : torch.CPU);
        // libtorch runs cuDNN convolutions in TF32 unless told otherwise; attacks and evaluations need IEEE float32.
        if (Device.type == DeviceType.CUDA) Runtime.TensorFloat32.Forbid();
        // Artifacts built under another kernel level, thread count or device may hold other bits under the
        // same recipe key: each numerics namespace has its own folder (Runtime.NumericsRecord.Namespace).
        Artifacts = new ArtifactStore(Path.Combine(environment.CacheRoot, "artifacts", environment.Numerics.Namespace));
        if (Artifacts.Swept.Count > 0)
            progress.Note($"cache: removed {Artifacts.Swept.Count} leftover(s) of killed runs ({string.Join(", ", Artifacts.Swept.Select(Path.GetFileName))})");
        Models = new ModelStore(Artifacts, progress, Device) { Planning = planning };
        data = new Lazy<ProfileData>(() => ProfileData.For(profile, environment));
        Zoo = new ModelZoo(profile, data, Artifacts, Models, progress, Device);
        unpaired = new Lazy<UnpairedModels>(() => new UnpairedModels(Zoo, data, Device));
        robust = new Lazy<RobustModels>(() => new RobustModels(Zoo, data, Device));
    }

    public Profile Profile { get; }
    public RunEnvironment Environment { get; }
    public IProgressSink Progress { get; }
    public torch.Device Device { get; }
    public ArtifactStore Artifacts { get; }
    public ModelStore Models { get; }
    public ModelZoo Zoo { get; }

    /// <summary>The on-device models similarity-unpairing makes (validates the profile's unpairing settings on first use).</summary>
    public UnpairedModels Unpaired => unpaired.Value;

    /// <summary>The adversarially trained and robustly distilled models (validates the profile's robust settings on first use).</summary>
    public RobustModels Robust => robust.Value;
    public ProfileData Data => data.Value;

    /// <summary>
    /// Independent pieces of work (model builds, pair evaluations) that may run at once: as given, else on a CPU
    /// one per core left after each worker's OpenMP threads, on a GPU one (the device is the bottleneck).
    /// The bits of every result are the same for any number (tests/Unit/Experiments/DeterminismTests).
    /// </summary>
    public int Workers => workers ?? (Device.type == DeviceType.CUDA ? 1 : Math.Max(1, System.Environment.ProcessorCount / Math.Max(1, torch.get_num_threads())));

    /// <summary>
    /// Runs <paramref name="body"/> over <paramref name="items"/> on up to <see cref="Workers"/> threads, taking
    /// items in order (put the longest first). Results must go through the artifact cache (which is safe
    /// across workers); the first failure is rethrown as it was.
    /// </summary>
    public void ForEach<T>(IEnumerable<T> items, Action<T> body)
    {
        var list = items.ToList();
        if (Workers <= 1 || list.Count <= 1)
        {
            foreach (var item in list) body(item);
            return;
        }
        try
        {
            Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(list, System.Collections.Concurrent.EnumerablePartitionerOptions.NoBuffering),
                new ParallelOptions { MaxDegreeOfParallelism = Workers }, body);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            throw;
        }
    }

    /// <summary>The evaluator of pairs on <paramref name="images"/> (default: the profile's CIFAR-10 test set and draws), with this run's settings, cache and device.</summary>
    public Evaluation.PairEvaluator Evaluator(Evaluation.EvaluationImages? images = null) =>
        new(Profile.Transfer, Profile.Query, images ?? Data.Evaluation,
            () => new Evaluation.SimilaritySamples(Data.SimilaritySource, Data.SimilarityIndices, Profile.Data.SimilaritySplit),
            Artifacts, Models, Progress, Device);

    public void Dispose() => Models.Dispose();
}
