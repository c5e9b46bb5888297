using static TorchSharp.torch;

namespace Repro.Attacks;

/// <summary>The query-side estimates of P-RGF: the sigma schedule, the gradient norm and the prior's cosine alpha.</summary>
public sealed partial class PriorGuidedRandomGradientFree
{
    /// <summary>
    /// Even iterations, for samples whose sigma was raised: two probes at sigma0 along fresh random directions;
    /// if both change the loss, sigma returns to sigma0 (PAPER-NOTES §3.8). 2 queries.
    /// </summary>
    static void ResetSigma(QueryAttackState state)
    {
        var raised = state.ActiveSamples().Where(s => state.Sigma[s] != state.InitialSigma && state.TryAfford(s, 2)).ToArray();
        if (raised.Length == 0) return;
        var directions = RmsNormalization.Rows(state.Streams.Gaussian(raised, 2, state.ImageShape));
        var points = state.Rows(state.Current, raised).repeat_interleave(2, 0) + state.InitialSigma * directions;
        var (loss, _) = state.Query(points, Repeat(raised, 2));
        for (int i = 0; i < raised.Length; i++)
        {
            int s = raised[i];
            if (loss[2 * i] - state.Loss[s] != 0 && loss[2 * i + 1] - state.Loss[s] != 0) state.Sigma[s] = state.InitialSigma;
        }
    }

    /// <summary>N^2 = mean_s ((f(x + sigma w_s) - f(x)) / sigma)^2 over S RMS-normalised Gaussian w_s estimates ||grad f||^2 (PAPER-NOTES §3.4). S queries.</summary>
    void EstimateGradientNorm(QueryAttackState state, int[] cohort, Tensor x)
    {
        int probes = Settings.NormProbes;
        var positions = Enumerable.Range(0, cohort.Length).Where(p => state.TryAfford(cohort[p], probes)).ToArray();
        if (positions.Length == 0) return;
        var samples = positions.Select(p => cohort[p]).ToArray();
        var directions = RmsNormalization.Rows(state.Streams.Gaussian(samples, probes, state.ImageShape));
        var sigma = Column(state, samples).repeat_interleave(probes, 0);
        var points = x.index_select(0, state.Index(positions)).repeat_interleave(probes, 0) + sigma * directions;
        var (loss, _) = state.Query(points, Repeat(samples, probes));
        for (int i = 0; i < samples.Length; i++)
        {
            int s = samples[i];
            double sum = 0;
            for (int k = 0; k < probes; k++)
            {
                double slope = (loss[i * probes + k] - state.Loss[s]) / state.Sigma[s];
                sum += slope * slope;
            }
            state.NormSquare[s] = sum / probes;
        }
    }

    /// <summary>
    /// alpha = (f(x + sigma v) - f(x)) / (sigma ||v||_2 N), sigma doubling while the difference is exactly 0
    /// (1 query per attempt); v and alpha are negated when alpha &lt; 0; then lambda* (Eq. 12). Returns v.
    /// </summary>
    Tensor AlignPrior(QueryAttackState state, int[] cohort, Tensor x, Tensor prior, double[] lambda, bool[] followPrior)
    {
        var squaredNorm = prior.flatten(1).square().sum(1).to(ScalarType.Float64).cpu().data<double>().ToArray();
        var alpha = new double[cohort.Length];
        // A vanished prior gradient (all zero) cannot change the loss at any sigma: alpha = 0, no probe. The
        // reference would loop forever there.
        var pending = Enumerable.Range(0, cohort.Length).Where(p => state.IsActive(cohort[p]) && squaredNorm[p] > 0).ToArray();
        while ((pending = pending.Where(p => state.TryAfford(cohort[p], 1)).ToArray()).Length > 0)
        {
            var samples = pending.Select(p => cohort[p]).ToArray();
            var index = state.Index(pending);
            var points = x.index_select(0, index) + Column(state, samples) * prior.index_select(0, index);
            var (loss, _) = state.Query(points, samples);
            var retry = new List<int>();
            for (int i = 0; i < pending.Length; i++)
            {
                int p = pending[i], s = samples[i];
                double difference = loss[i] - state.Loss[s];
                if (difference == 0) { state.Sigma[s] *= 2; retry.Add(p); continue; }
                alpha[p] = difference / state.Sigma[s] / Math.Max(Math.Sqrt(squaredNorm[p] * state.NormSquare[s]), 1e-12);
            }
            pending = retry.ToArray();
        }
        var sign = new float[cohort.Length];
        for (int p = 0; p < cohort.Length; p++)
        {
            sign[p] = alpha[p] < 0 ? -1f : 1f;
            lambda[p] = OptimalLambda.Compute(Math.Abs(alpha[p]), state.Dimension, Settings.SamplesPerDraw);
            followPrior[p] = lambda[p] == 1;
        }
        var signs = tensor(sign, ScalarType.Float32, prior.device).view(cohort.Length, 1, 1, 1);
        return prior * signs;
    }

    /// <summary>Each sample's sigma as a float32 [n, 1, 1, 1] column, to scale its probe directions.</summary>
    static Tensor Column(QueryAttackState state, int[] samples) =>
        tensor(samples.Select(s => (float)state.Sigma[s]).ToArray(), ScalarType.Float32, state.Origin.device).view(samples.Length, 1, 1, 1);

    static int[] Repeat(int[] samples, int times) => samples.SelectMany(s => Enumerable.Repeat(s, times)).ToArray();
}
