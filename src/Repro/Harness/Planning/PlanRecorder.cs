using Repro.Harness.Artifacts;
using Repro.Harness.Evaluation;

namespace Repro.Harness.Planning;

/// <summary>
/// Records what experiments ask for while they are walked through in planning mode: the models they read and the evaluations
/// they request (the model store and the evaluator then return placeholders instead of building or computing), with every
/// model handle made meanwhile, so that the artifacts' dependencies can be followed. After <see cref="Stop"/> the same store
/// and evaluator build for real, which is how one job of a plan builds exactly its artifact.
/// </summary>
public sealed class PlanRecorder
{
    readonly object gate = new();
    readonly Dictionary<ArtifactKey, ModelHandle> handles = new();
    readonly Dictionary<ArtifactKey, (EvaluationRecipe Recipe, IReadOnlyList<ModelHandle> Models, Action Build, Work Work)> evaluations = new();
    readonly List<(ArtifactKey Key, string Experiment)> asked = new();

    /// <summary>True until <see cref="Stop"/>: the store and the evaluator record instead of building.</summary>
    public bool Recording { get; private set; } = true;

    /// <summary>The experiment being walked through; what is asked for is needed by it.</summary>
    public string Experiment { get; set; } = "";

    /// <summary>A model handle the harness made (the zoo and the ImageNet rows make them all).</summary>
    public void Known(ModelHandle handle)
    {
        if (!Recording) return;
        lock (gate) handles.TryAdd(handle.Key, handle);
    }

    /// <summary>A model the experiment reads itself (its accuracy, its weights): it must be built before the results are assembled.</summary>
    public void Read(ArtifactKey model)
    {
        lock (gate) asked.Add((model, Experiment));
    }

    /// <summary>An evaluation the experiment asks for; <paramref name="build"/> measures it for real once recording has stopped.</summary>
    public void Evaluation(EvaluationRecipe recipe, IReadOnlyList<ModelHandle> models, Action build, Work work)
    {
        var key = ArtifactKey.For(recipe);
        lock (gate)
        {
            foreach (var model in models) handles.TryAdd(model.Key, model);
            evaluations.TryAdd(key, (recipe, models, build, work));
            asked.Add((key, Experiment));
        }
    }

    public void Stop() => Recording = false;

    /// <summary>Every artifact asked for and every model those derive from, with what each needs and which experiments need it.</summary>
    public ArtifactGraph Graph()
    {
        lock (gate)
        {
            var nodes = new Dictionary<ArtifactKey, PlannedArtifact>();
            var order = new List<ArtifactKey>();
            void Visit(ArtifactKey key, string experiment)
            {
                if (nodes.TryGetValue(key, out var seen))
                {
                    if (seen.Experiments.Contains(experiment)) return;
                    nodes[key] = seen with { Experiments = seen.Experiments.Append(experiment).ToList() };
                }
                else nodes[key] = Node(key, experiment);
                foreach (var need in nodes[key].Needs) Visit(need, experiment);
                if (!order.Contains(key)) order.Add(key);
            }
            foreach (var (key, experiment) in asked) Visit(key, experiment);
            return new ArtifactGraph(order.Select(k => nodes[k]).ToList());
        }
    }

    PlannedArtifact Node(ArtifactKey key, string experiment)
    {
        if (evaluations.TryGetValue(key, out var evaluation))
            return new PlannedArtifact(key, evaluation.Recipe.Canonical(), Describe(evaluation.Recipe, evaluation.Models),
                evaluation.Models.Select(m => m.Key).Distinct().ToList(), new[] { experiment }, evaluation.Work, evaluation.Build);
        if (!handles.TryGetValue(key, out var model))
            throw new InvalidOperationException($"planning: {key} was asked for, but no model handle of that key was made (a model must come from ModelZoo.Handle)");
        var needs = model.Parents.Concat(model.After).Select(p => p.Key).Distinct().ToList();
        foreach (var parent in model.Parents.Concat(model.After)) handles.TryAdd(parent.Key, parent);
        return new PlannedArtifact(key, model.Recipe.Canonical(), Describe(model), needs, new[] { experiment }, model.Work, () => _ = model.Model);
    }

    static string Describe(EvaluationRecipe recipe, IReadOnlyList<ModelHandle> models) => $"{recipe.Kind} of {string.Join(" and ", models.Select(Describe))}";

    static string Describe(ModelHandle model) => $"{model.Recipe.Role} {model.Recipe.Architecture.DisplayName} (seed {model.Recipe.Seed})";
}
