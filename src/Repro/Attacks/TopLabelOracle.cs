using static TorchSharp.torch;

namespace Repro.Attacks;

/// <summary>
/// A score oracle seen through a label-only window: the top-1 label of each answer, with the score oracle's counting,
/// budget and clean-image rule. What a local server looks like to the label-only attack when the audit mimics a server
/// that answers labels only.
/// </summary>
public sealed class TopLabelOracle(IQueryOracle scores) : ILabelQueryOracle
{
    public int SampleCount => scores.SampleCount;
    public long QueryBudget => scores.QueryBudget;
    public IReadOnlyList<long> ImagesSent => scores.ImagesSent;
    public IReadOnlyList<long> QueriesCharged => scores.QueriesCharged;

    public long[] LabelsOfClean(Tensor images, IReadOnlyList<int> samples) => Top(scores.ScoresOfClean(images, samples));

    public long[] Labels(Tensor images, IReadOnlyList<int> samples) => Top(scores.Scores(images, samples));

    static long[] Top(Tensor answer)
    {
        using (answer)
        using (var top = answer.argmax(1).cpu())
            return top.data<long>().ToArray();
    }
}
