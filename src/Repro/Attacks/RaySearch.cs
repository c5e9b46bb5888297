using Repro.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Attacks;

/// <summary>
/// A decision-based (label-only) l-inf attack: RayS, "RayS: A Ray Searching Method for Hard-label Adversarial Attack"
/// (Chen and Gu, KDD 2020; reference code uclaml/RayS), for Table II's setting where the cloud model returns its top-1
/// label only. The paper says only that it "adapt[s] our black-box attacks for this scenario" (§IV-C, Table II's
/// footnote); RayS is chosen because it is a hard-label l-inf attack with no random draws (so a run is deterministic
/// and its queries countable one by one), and a transfer prior fits it naturally:
/// <list type="bullet">
/// <item>no-prior form: the first ray is the all-ones sign vector, as in RayS;</item>
/// <item>prior form: the first ray is the sign of the on-device sibling's cross-entropy input-gradient at x (the FGSM
/// direction of the sibling), the prior the paper's transfer attacks and P-RGF use.</item>
/// </list>
/// The search then flips blocks of the best ray's signs hierarchically (whole vector, halves, quarters, ...) and keeps a
/// flip when the boundary along it is nearer, found by binary search. Each sample's image along ray s at l-inf radius r is
/// clip(x + r·s, 0, 1). Two changes for a fixed radius, both only stopping early: every search probes radius eps before
/// bisecting (success there ends the sample: the only way a sample succeeds), and RayS's linear search over d = 1..10
/// is the one probe d = 1, since every d ≥ 1 clips to the same image. Queries per sample, in order:
/// <list type="table">
/// <item><term>clean image, once</term><description>the oracle's rule (uncharged unless told)</description></item>
/// <item><term>a new ray, when a boundary is known at r*</term><description>1 (is it adversarial at r*? if not, rejected)</description></item>
/// <item><term>the probe at eps</term><description>1 (adversarial: fooled, done)</description></item>
/// <item><term>no boundary known yet: the probe at r = 1</term><description>1 (not adversarial: rejected)</description></item>
/// <item><term>bisection between eps and the boundary</term><description>until the bracket is within the tolerance, 1 each</description></item>
/// </list>
/// Batched over samples in lockstep: each round sends one image for every sample that is still searching, so a
/// sample's queries and outcome do not depend on the batch. A sample whose next query does not fit its budget stops.
/// </summary>
public sealed class RaySearch
{
    public RaySearch(RaySearchSettings settings)
    {
        if (!(settings.Epsilon > 0) || !(settings.Epsilon < 1))
            throw new ArgumentException($"RayS needs 0 < eps < 1, got {settings.Epsilon}");
        if (!(settings.Tolerance > 0) || !double.IsFinite(settings.Tolerance))
            throw new ArgumentException($"RayS needs a finite tolerance > 0, got {settings.Tolerance}");
        Settings = settings;
    }

    public RaySearchSettings Settings { get; }

    /// <summary>
    /// Attacks every sample of [N, C, H, W] <paramref name="images"/> (true <paramref name="labels"/>) through the label
    /// <paramref name="oracle"/>, whose tags are the sample positions; <paramref name="prior"/> null is the no-prior form.
    /// </summary>
    public QueryAttackResult Attack(ILabelQueryOracle oracle, Tensor images, Tensor labels, Classifier? prior, bool keepAdversarialImages = false)
    {
        AttackInputs.Check(images, labels, prior is null ? "RayS" : "RayS with a prior");
        int n = (int)images.shape[0];
        if (oracle.SampleCount != n)
            throw new ArgumentException($"the oracle tracks {oracle.SampleCount} samples but {n} images are attacked");
        var shape = images.shape;
        long d = images[0].numel();
        var truth = labels.cpu().data<long>().ToArray();
        var pixels = images.detach().cpu().contiguous().data<float>().ToArray();
        var all = Enumerable.Range(0, n).ToArray();
        var clean = oracle.LabelsOfClean(images, all);
        var initial = InitialRays(images, labels, prior, n, d);
        var samples = all.Select(i => new RaySample(pixels.AsMemory((int)(i * d), (int)d), initial[i], Settings.Epsilon,
            Settings.Tolerance / Math.Sqrt(d), clean[i] != truth[i])).ToArray();
        var pending = all.Where(i => !samples[i].Skipped).Select(i => (Index: i, Steps: samples[i].Run().GetEnumerator()))
            .Where(p => p.Steps.MoveNext()).ToList();
        while (pending.Count > 0)
        {
            // Strict budget: a sample whose next query does not fit stops as a failure before sending it.
            pending.RemoveAll(p => (samples[p.Index].OutOfBudget = oracle.QueriesCharged[p.Index] + 1 > oracle.QueryBudget));
            if (pending.Count == 0) break;
            var batch = new float[pending.Count * d];
            for (int k = 0; k < pending.Count; k++) samples[pending[k].Index].Image(pending[k].Steps.Current, batch.AsSpan((int)(k * d), (int)d));
            var tags = pending.Select(p => p.Index).ToArray();
            long[] answers;
            using (var scope = NewDisposeScope())
            {
                var query = tensor(batch, ScalarType.Float32).view(new[] { (long)pending.Count }.Concat(shape.Skip(1)).ToArray()).to(images.device);
                answers = oracle.Labels(query, tags);
            }
            for (int k = 0; k < pending.Count; k++) samples[tags[k]].Adversarial = answers[k] != truth[tags[k]];
            pending.RemoveAll(p => !p.Steps.MoveNext());
        }
        var outcomes = all.Select(i => new QueryAttackOutcome(i, samples[i].Skipped, samples[i].Fooled,
            oracle.QueriesCharged[i], oracle.ImagesSent[i], samples[i].Rays)).ToArray();
        return new QueryAttackResult(outcomes, oracle.QueryBudget, keepAdversarialImages ? FinalImages(samples, shape, d, images) : null);
    }

    /// <summary>The first ray of each sample: all ones, or the sign of the prior's input-gradient (zeros read as +1).</summary>
    static float[][] InitialRays(Tensor images, Tensor labels, Classifier? prior, int n, long d)
    {
        if (prior is null) return Enumerable.Range(0, n).Select(_ => Enumerable.Repeat(1f, (int)d).ToArray()).ToArray();
        using var mode = EvaluationModeScope.Enter(prior);
        using var scope = NewDisposeScope();
        var gradient = CrossEntropyInputGradient.Of(prior, images, labels.to(images.device)).cpu().contiguous().data<float>().ToArray();
        return Enumerable.Range(0, n).Select(i => gradient.AsSpan((int)(i * d), (int)d).ToArray().Select(g => g < 0 ? -1f : 1f).ToArray()).ToArray();
    }

    /// <summary>Row i: the fooling image at eps, else the best ray's image at eps (the clean image when skipped).</summary>
    static Tensor FinalImages(RaySample[] samples, long[] shape, long d, Tensor images)
    {
        var rows = new float[samples.Length * d];
        for (int i = 0; i < samples.Length; i++) samples[i].FinalImage(rows.AsSpan((int)(i * d), (int)d));
        return tensor(rows, ScalarType.Float32).view(shape).to(images.device);
    }
}
