namespace Repro.Benchmarks;

/// <summary>
/// What each workload computes, hashed (`fingerprint`): printed before and after a performance change, the two
/// lists must be equal line for line. Covers more than `repro fingerprint` (unpairing, P-RGF, the metrics, every architecture).
/// </summary>
public static class OutputFingerprints
{
    public static int Run(IReadOnlyList<WorkloadSpec> specs)
    {
        foreach (var spec in specs)
        {
            using var workload = Workloads.Workload.Create(spec, SharedInputs.Current);
            Console.WriteLine($"{spec.Name,-34} {workload.Fingerprint()}");
        }
        return 0;
    }
}
