using Repro.Failures;

namespace Repro.Harness.Planning;

/// <summary>A plan job started before the jobs it needs had put their artifacts in the cache (a scheduler that ignored the dependencies, or another cache).</summary>
public sealed class PlanNotReadyException(string message) : Exception(message), IExpectedFailure
{
    public ExitCode Code => ExitCode.BadInput;
}
