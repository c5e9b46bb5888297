using Repro.Models;

namespace Repro.Profiles;

/// <summary>Table VIII's students, distilled from the server: the paper's ResNet18 and NASNet.</summary>
public enum DistillationStudent
{
    ResNet18,
    NasNet,
}

/// <summary>A student's row id in Table VIII ("resnet18/fl") and its architecture at a profile.</summary>
public static class DistillationStudents
{
    public static IReadOnlyList<DistillationStudent> All { get; } = new[] { DistillationStudent.ResNet18, DistillationStudent.NasNet };

    public static string Id(this DistillationStudent student) => student switch
    {
        DistillationStudent.ResNet18 => "resnet18",
        DistillationStudent.NasNet => "nasnet",
        _ => throw new ArgumentOutOfRangeException(nameof(student), student, "not a distillation student"),
    };

    public static ArchitectureSpec Spec(this DistillationStudent student, Profile profile) => student switch
    {
        DistillationStudent.ResNet18 => profile.Models.ResNet18,
        DistillationStudent.NasNet => profile.Models.NasNet,
        _ => throw new ArgumentOutOfRangeException(nameof(student), student, "not a distillation student"),
    };
}
