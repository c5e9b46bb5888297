using Repro.Defense;
using Repro.Models;
using Repro.Reporting;
using Repro.Harness;
using Repro.Harness.Evaluation;
using Repro.Profiles;

namespace Repro.Paper;

/// <summary>
/// Table VIII: similarity-unpairing combined with knowledge distillation, for the ResNet18 and NASNet
/// students. Baseline: Table I's distilled student. FF: distilled from Table III's input-gradient (λ = 1)
/// fine-tuned teacher. FL: the distilled student fine-tuned with the penalty against the server. JF: the
/// student distilled from scratch with the penalty added to the distillation loss. Backs: FL makes the
/// ResNet18 student materially less vulnerable; JF keeps the student's accuracy.
/// Measured wall time (2 shared cores, Table I's students cached): mini (ResNet18, FL) about 1.5 minutes;
/// mini-full (both students, every strategy; two distillations from scratch with double backprop) about
/// 25 minutes; warm cache, seconds.
/// </summary>
public sealed partial class Table08_UnpairingDistillation : PaperExperiment
{

    /// <summary>Table VIII's blocks: each student and the label the paper prints.</summary>
    public static IReadOnlyList<(DistillationStudent Student, string Label)> Students { get; } = new[] { (DistillationStudent.ResNet18, "ResNet18"), (DistillationStudent.NasNet, "NASNet") };

    public override ExperimentResult Run(RunContext context)
    {
        var settings = context.Profile.Unpairing;
        var result = new ResultBuilder(this, context, Columns.Vulnerability);
        var evaluator = context.Evaluator();
        var measured = new List<(string Id, DistillationStudent Student, UnpairingStrategy? Strategy)>();
        foreach (var (student, label) in Students)
        {
            bool studentRuns = settings.DistillationStudents.Contains(student);
            result.Row($"{student.Id()}/baseline", label, "Baseline");
            if (studentRuns) measured.Add(($"{student.Id()}/baseline", student, null));
            else result.NotMeasured($"{student.Id()}/baseline", NotInProfile(context, student));
            foreach (var strategy in Enum.GetValues<UnpairingStrategy>())
            {
                string id = $"{student.Id()}/{StrategyRows.Suffix(strategy)}";
                result.Row(id, label, StrategyRows.Label(strategy));
                if (!studentRuns) result.NotMeasured(id, NotInProfile(context, student));
                else if (!settings.DistillationStrategies.Contains(strategy))
                    result.NotMeasured(id, StrategyRows.NotInProfile(context.Profile.Name, "DistillationStrategies", settings.DistillationStrategies));
                else measured.Add((id, student, strategy));
            }
        }
        var work = context.Profile.Seeds.SelectMany(seed => measured.Select(m =>
        {
            var spec = m.Student.Spec(context.Profile);
            var device = m.Strategy is { } s ? context.Unpaired.Distilled(spec, s, seed) : context.Zoo.Distilled(spec, seed);
            return (m.Id, Server: context.Zoo.Server(seed), Device: device);
        })).ToList();
        // Joint distillation (a whole distillation with double backprop) and the NASNet student are the costliest: they start first.
        UnpairingMeasurement.Warm(context, evaluator, work
            .OrderByDescending(w => w.Id.EndsWith("/jf", StringComparison.Ordinal)).ThenByDescending(w => w.Id.StartsWith("nasnet/", StringComparison.Ordinal))
            .Select(w => (w.Server, w.Device)));
        foreach (var (id, server, device) in work) UnpairingMeasurement.Measure(result, evaluator, id, server, device);
        return result.Build();
    }

    static string NotInProfile(RunContext context, DistillationStudent student) =>
        $"the {student.Id()} student is not among profile '{context.Profile.Name}''s (Unpairing.DistillationStudents = [{string.Join(", ", context.Profile.Unpairing.DistillationStudents.Select(s => s.Id()))}]); the paper-grid profiles run it";
}
