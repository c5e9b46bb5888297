using Repro.Experiments.Artifacts;
using Repro.Experiments.Profiles;
using TorchSharp;

namespace Repro.Experiments;

/// <summary>
/// What one run works with: the profile (protocol and scale), the machine's environment, the
/// artifact cache, the device and where progress goes. Experiments get everything through it.
/// </summary>
public sealed class RunContext : IDisposable
{
    readonly Lazy<ProfileData> data;
    readonly Lazy<UnpairedModels> unpaired;

    public RunContext(Profile profile, RunEnvironment environment, IProgressSink progress, torch.Device? device = null)
    {
        Profile = profile;
        Environment = environment;
        Progress = progress;
        Device = device ?? (environment.CudaAvailable ? torch.CUDA : torch.CPU);
        Artifacts = new ArtifactStore(Path.Combine(environment.CacheRoot, "artifacts"));
        Models = new ModelStore(Artifacts, progress, Device);
        Zoo = new ModelZoo(this);
        unpaired = new Lazy<UnpairedModels>(() => new UnpairedModels(this));
        data = new Lazy<ProfileData>(() => ProfileData.For(profile, environment));
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
    public ProfileData Data => data.Value;

    public void Dispose() => Models.Dispose();
}
