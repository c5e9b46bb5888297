using System.CommandLine;
using Repro.Profiles;
using Repro.Paper;

namespace Repro.Cli;

/// <summary>`repro list`: the profiles (with every deviation from the paper), the experiments and their claims.</summary>
public static class ListCommand
{
    public static Command Create()
    {
        var command = new Command("list", "List profiles, their deviations from the paper, experiments and claims");
        command.SetAction(_ =>
        {
            foreach (var profile in ProfileCatalog.All)
            {
                Console.WriteLine($"profile {profile.Name}: {profile.Summary}");
                foreach (var d in profile.Deviations)
                    Console.WriteLine($"  {d.Setting}: paper {d.PaperValue} -> {d.OurValue} ({d.Reason})");
            }
            Console.WriteLine();
            foreach (var experiment in ExperimentCatalog.All)
            {
                Console.WriteLine($"{experiment.Name} ({experiment.PaperReference}): {experiment.Title}");
                foreach (var claim in experiment.Claims) Console.WriteLine($"  claim {claim.Id}: {claim.Statement}");
            }
            return 0;
        });
        return command;
    }
}
