namespace Repro.Failures;

/// <summary>
/// An exception that is an expected failure of a known class (a damaged cache, a malformed baseline...): it says its
/// exit code itself, so the error policy (<see cref="Failure"/>) needs no knowledge of the layer that throws it.
/// </summary>
public interface IExpectedFailure
{
    ExitCode Code { get; }
}
