namespace Repro.ClaimTests;

/// <summary>Native settings before any claim touches libtorch (see Repro.Runtime.TorchProcessSetup).</summary>
static class ClaimsProcessSetup
{
    [System.Runtime.CompilerServices.ModuleInitializer]
    internal static void Apply() => Repro.Runtime.TorchProcessSetup.Apply();
}
