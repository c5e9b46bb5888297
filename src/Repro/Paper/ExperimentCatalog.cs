using Repro.Catalogs;
using Repro.Harness;
namespace Repro.Paper;

/// <summary>Every experiment Repro runs, in the paper's order (STYLE.md P5: a typed list, checked by a reflection test).</summary>
public static class ExperimentCatalog
{
    public static IReadOnlyList<IExperiment> All { get; } = new PaperExperiment[]
    {
        new Table01_OnDevicePriors(),
        new Table02_AutoMl(),
        new Table03_UnpairingSingleObjective(),
        new Table04_UnpairingCombined(),
        new Table05_StrategyApplicability(),
        new Table06_UnpairingQuantization(),
        new Table07_UnpairingPruning(),
        new Table08_UnpairingDistillation(),
        new Table09_UnpairingArchitectures(),
        new Section6D_RobustDistillation(),
        new Table10_PriorMetrics(),
        new Table11_FromScratchSingle(),
        new Table12_FromScratchCombined(),
        new Table13_RobustServerPriors(),
        new Table14_RobustOnDevice(),
        new AppendixI_RobustArchitecture(),
        new Figure1_CostVsSecurity(),
        new Figure2_SimilarityVsVulnerability(),
    };

    public static IExperiment Get(string name)
    {
        var match = All.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase)
            || string.Equals(e.PaperReference, name, StringComparison.OrdinalIgnoreCase));
        if (match is not null) return match;
        var names = All.Select(e => e.Name).ToList();
        throw new ArgumentException($"unknown experiment '{name}'; did you mean '{NameSuggestion.Closest(name, names)}'? Known: {string.Join(", ", names)}");
    }
}
