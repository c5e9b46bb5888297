namespace Repro.Harness.Planning;

/// <summary>
/// Enumerates, without training or attacking anything, every artifact some experiments need: each experiment is run in a
/// context whose model store and evaluator record what is asked for and answer with placeholders (<see cref="PlanRecorder"/>).
/// The results of such a run are meaningless and thrown away; the graph of artifacts is what it is for.
/// </summary>
public static class ArtifactPlanner
{
    /// <param name="context">A context made with a recorder that is still recording, and one worker (the order of what is recorded is then fixed).</param>
    public static ArtifactGraph Plan(RunContext context, PlanRecorder recorder, IEnumerable<IExperiment> experiments)
    {
        if (!recorder.Recording) throw new InvalidOperationException("the plan recorder has stopped; planning needs a fresh one");
        if (!ReferenceEquals(context.Models.Planning, recorder))
            throw new ArgumentException("the context was not made with this recorder (RunContext's planning argument)", nameof(context));
        if (context.Workers != 1) throw new ArgumentException("a planning context must have one worker, so that the plan's order is the same every time", nameof(context));
        foreach (var experiment in experiments)
        {
            recorder.Experiment = experiment.Name;
            experiment.Run(context);
        }
        recorder.Stop();
        return recorder.Graph();
    }
}
