using Repro.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Attacks;

/// <summary>
/// P-RGF (Cheng et al., NeurIPS 2019), l-inf, untargeted, the query attack of §IV-A with an on-device model as
/// the transfer prior; with no prior it is plain RGF (the reference's `uniform`). Batched over samples: every
/// step sends all active samples' probes to the oracle in one call, with per-sample sigma, alpha, lambda,
/// gradient-norm estimate, budget and stop. Loss: cross-entropy of the server's scores for the true label;
/// success: top-1 label != true label. Samples the server already misclassifies are skipped.
/// <para>Queries charged per sample and outer iteration t, as thu-ml/Prior-Guided-RGF `attack.py` counts them
/// (PAPER-NOTES §3.9); every charge is counted by the oracle as the image is sent:</para>
/// <list type="table">
/// <listheader><term>Event</term><description>Charged</description></listheader>
/// <item><term>Clean image, once before t = 0</term><description>0 (1 with ChargeInitialQuery); always 1 image sent</description></item>
/// <item><term>sigma-reset check (even t, only while sigma != sigma0)</term><description>2</description></item>
/// <item><term>Gradient-norm estimate (t = 0, 3, 10, 20, 30, ...; prior and optimal lambda only)</term><description>S</description></item>
/// <item><term>Prior probe f(x + sigma v), repeated with sigma x 2 while the difference is exactly 0 (prior and optimal lambda only)</term><description>1 per attempt</description></item>
/// <item><term>Gradient estimate, repeated with sigma x 5 while it is exactly 0; skipped when lambda* = 1</term><description>q per attempt</description></item>
/// <item><term>Evaluation of the new iterate (the reference's loop-head +1)</term><description>1</description></item>
/// </list>
/// <para>So with q = S = 10: a perfect prior (lambda* = 1) fooling at the first step costs 10 + 1 + 1 = 12 charged
/// queries, 13 images sent; then 2 per step at t = 1, 2 and 12 at t = 3 (cumulative 12, 14, 16, 28). RGF and the
/// fixed-lambda mode cost 1 + q = 11 per iteration. Strict budget: a sample whose next charge does not fit
/// stops as a failure before sending it, so no count ever exceeds the budget (the reference can overshoot).</para>
/// </summary>
public sealed partial class PriorGuidedRandomGradientFree
{
    public PriorGuidedRandomGradientFree(QueryAttackSettings settings)
    {
        if (settings.QueryBudget < 0 || (settings.ChargeInitialQuery && settings.QueryBudget < 1))
            throw new ArgumentException($"QueryAttackSettings.QueryBudget must be >= 0 (>= 1 when the clean image is charged), got {settings.QueryBudget}");
        if (!(settings.Epsilon > 0) || !(settings.StepSize > 0) || !(settings.Sigma > 0) || !double.IsFinite(settings.Sigma))
            throw new ArgumentException($"P-RGF needs eps > 0, step > 0 and a finite sigma > 0, got eps {settings.Epsilon}, step {settings.StepSize}, sigma {settings.Sigma}");
        if (settings.SamplesPerDraw < 1 || settings.NormProbes < 1)
            throw new ArgumentException($"P-RGF needs q >= 1 and S >= 1, got q = {settings.SamplesPerDraw}, S = {settings.NormProbes}");
        Settings = settings;
        Mixing = PriorMixing.Parse(settings.Lambda);
    }

    public QueryAttackSettings Settings { get; }
    public PriorMixing Mixing { get; }

    /// <summary>Attacks <paramref name="server"/> through a fresh <see cref="CountingQueryOracle"/> built from the settings.</summary>
    public QueryAttackResult Attack(Classifier server, Tensor images, Tensor labels, Classifier? prior, long seed, bool keepAdversarialImages = false) =>
        Attack(new CountingQueryOracle(server, (int)images.shape[0], Settings), images, labels, prior, seed, keepAdversarialImages);

    /// <summary>
    /// Attacks every sample of [N, C, H, W] <paramref name="images"/> (true <paramref name="labels"/>) through
    /// <paramref name="oracle"/>, whose tags are the sample positions. <paramref name="prior"/> null means RGF.
    /// One <paramref name="seed"/> makes the run reproducible.
    /// </summary>
    public QueryAttackResult Attack(IQueryOracle oracle, Tensor images, Tensor labels, Classifier? prior, long seed, bool keepAdversarialImages = false) =>
        Attack(oracle, images, labels, prior, seed, keepAdversarialImages, int.MaxValue);

    /// <summary>As the public overload, but stops after <paramref name="iterations"/> outer iterations (the benchmarks time one).</summary>
    internal QueryAttackResult Attack(IQueryOracle oracle, Tensor images, Tensor labels, Classifier? prior, long seed, bool keepAdversarialImages, int iterations)
    {
        AttackInputs.Check(images, labels, prior is null ? "RGF" : "P-RGF");
        if (oracle.SampleCount != images.shape[0])
            throw new ArgumentException($"the oracle tracks {oracle.SampleCount} samples but {images.shape[0]} images are attacked");
        using var priorMode = prior is null ? null : EvaluationModeScope.Enter(prior);
        using var state = new QueryAttackState(oracle, images, labels, Settings.Sigma, seed);
        state.EvaluateCleanImages();
        for (int t = 0; t < iterations && state.ActiveSamples().Length > 0; t++)
        {
            // One scope per iteration: memory stays flat over thousands of iterations.
            using var scope = NewDisposeScope();
            Iterate(state, prior, t);
        }
        return state.ToResult(keepAdversarialImages);
    }

    void Iterate(QueryAttackState state, Classifier? priorModel, int t)
    {
        if (t % 2 == 0) ResetSigma(state);
        int[] cohort = state.ActiveSamples();
        if (cohort.Length == 0) return;
        var x = state.Rows(state.Current, cohort);
        var prior = priorModel is null ? null : PriorDirections(priorModel, state, cohort, x);
        var lambda = Enumerable.Repeat(Mixing.FixedLambda ?? 0, cohort.Length).ToArray();
        var followPrior = new bool[cohort.Length];
        if (prior is not null && Mixing.IsOptimal)
        {
            // Refreshed at 0, 3, 10, 20, ...: the norm changes fast in the first iterations (reference comment).
            if (t % 10 == 0 || t == 3) EstimateGradientNorm(state, cohort, x);
            prior = AlignPrior(state, cohort, x, prior, lambda, followPrior);
        }
        var direction = prior?.clone() ?? zeros_like(x);
        var estimated = Enumerable.Range(0, cohort.Length).Where(p => state.IsActive(cohort[p]) && !followPrior[p]).ToArray();
        EstimateGradient(state, cohort, estimated, x, prior, lambda, direction);
        Step(state, cohort, x, direction);
    }

    /// <summary>The transfer prior v: the on-device model's CE input-gradient at x_t, RMS-normalised (PAPER-NOTES §3.2).</summary>
    Tensor PriorDirections(Classifier priorModel, QueryAttackState state, int[] cohort, Tensor x)
    {
        var labels = state.Rows(state.Labels, cohort);
        // Chunked like the oracle's calls: OracleBatchSize bounds the memory of one forward (and here backward) pass.
        var chunks = new List<Tensor>();
        for (long start = 0; start < cohort.Length; start += Settings.OracleBatchSize)
        {
            long length = Math.Min(Settings.OracleBatchSize, cohort.Length - start);
            chunks.Add(CrossEntropyInputGradient.Of(priorModel, x.narrow(0, start, length), labels.narrow(0, start, length)));
        }
        return RmsNormalization.Rows(chunks.Count == 1 ? chunks[0] : cat(chunks, 0));
    }

    /// <summary>x_{t+1} = Proj(x_t + eta * sign(g)) for every sample that can pay for evaluating it (§IV-A: step 2/255).</summary>
    void Step(QueryAttackState state, int[] cohort, Tensor x, Tensor direction)
    {
        var stepping = Enumerable.Range(0, cohort.Length).Where(p => state.TryAfford(cohort[p], 1)).ToArray();
        if (stepping.Length == 0) return;
        var samples = stepping.Select(p => cohort[p]).ToArray();
        var positions = state.Index(stepping);
        using var noGrad = no_grad();
        // Disposed here: TorchSharp frees an implicitly converted Scalar only in its finalizer, and pending ones fragment the native heap.
        using Scalar stepSize = Settings.StepSize;
        var moved = x.index_select(0, positions) + stepSize * direction.index_select(0, positions).sign();
        state.Advance(samples, LinfBall.Project(moved, state.Rows(state.Origin, samples), Settings.Epsilon));
    }
}
