using TorchSharp;

namespace Repro.Unit.Models;

/// <summary>
/// Runs the model tests on one libtorch thread. On the shared 2-core machines, two OpenMP threads per
/// process contend with other processes and single steps swing from 50 ms to over 3 s; one thread keeps
/// these small-tensor tests fast and their durations stable. The previous setting is restored afterwards.
/// </summary>
[SetUpFixture]
public sealed class ModelTestsSetup
{
    int threads;

    [OneTimeSetUp]
    public void OneThread()
    {
        threads = torch.get_num_threads();
        torch.set_num_threads(1);
    }

    [OneTimeTearDown]
    public void RestoreThreads() => torch.set_num_threads(threads);
}
