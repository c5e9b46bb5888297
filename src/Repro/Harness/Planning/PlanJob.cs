namespace Repro.Harness.Planning;

/// <summary>
/// One job of a plan: build one artifact (a model or an evaluation) into the shared cache, or, last, assemble the results
/// and the report from it. <see cref="Needs"/> are the ids of the jobs that must succeed first; <see cref="Level"/> is one
/// more than the deepest of them (what the exporters turn into job arrays). Hours are the plan's estimate (null where the
/// timing table lacks a network).
/// </summary>
public sealed record PlanJob(int Id, string Kind, string Key, string What, int Level, IReadOnlyList<int> Needs, IReadOnlyList<string> Experiments,
    double? Hours, bool UpperBound)
{
    public const string ModelKind = "model";
    public const string EvaluationKind = "evaluation";
    public const string AssembleKind = "assemble";

    [System.Text.Json.Serialization.JsonIgnore] public bool Assembles => Kind == AssembleKind;
}
