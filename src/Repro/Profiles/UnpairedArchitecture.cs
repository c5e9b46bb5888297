using Repro.Models;

namespace Repro.Profiles;

/// <summary>Table IX's new architectures, trained from scratch and then unpaired from the server (finetune-last).</summary>
public enum UnpairedArchitecture
{
    MobileNetV2,
    SqueezeNet,
}

/// <summary>An architecture's row id in Table IX ("mobilenetv2/fl") and its network at a profile.</summary>
public static class UnpairedArchitectures
{
    public static IReadOnlyList<UnpairedArchitecture> All { get; } = new[] { UnpairedArchitecture.MobileNetV2, UnpairedArchitecture.SqueezeNet };

    public static string Id(this UnpairedArchitecture architecture) => architecture switch
    {
        UnpairedArchitecture.MobileNetV2 => "mobilenetv2",
        UnpairedArchitecture.SqueezeNet => "squeezenet",
        _ => throw new ArgumentOutOfRangeException(nameof(architecture), architecture, "not an unpaired architecture"),
    };

    public static ArchitectureSpec Spec(this UnpairedArchitecture architecture, Profile profile) => architecture switch
    {
        UnpairedArchitecture.MobileNetV2 => profile.Models.MobileNetV2,
        UnpairedArchitecture.SqueezeNet => profile.Models.SqueezeNet,
        _ => throw new ArgumentOutOfRangeException(nameof(architecture), architecture, "not an unpaired architecture"),
    };
}
