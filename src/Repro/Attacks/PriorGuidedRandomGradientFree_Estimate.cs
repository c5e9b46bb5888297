using static TorchSharp.torch;

namespace Repro.Attacks;

/// <summary>The random-gradient-free estimate of P-RGF (biased sampling; PAPER-NOTES §3.3).</summary>
public sealed partial class PriorGuidedRandomGradientFree
{
    /// <summary>
    /// g = (1/q) sum_i (f(x + sigma u_i) - f(x)) u_i with u_i = sqrt(1 - lambda) r(xi_i perp v) + sqrt(lambda) v,
    /// or u_i = r(xi_i) without a prior. While g is exactly 0, sigma x 5 and the same u_i are probed again
    /// (q queries per attempt). Writes g into the rows <paramref name="positions"/> of <paramref name="direction"/>.
    /// </summary>
    void EstimateGradient(QueryAttackState state, int[] cohort, int[] positions, Tensor x, Tensor? prior, double[] lambda, Tensor direction)
    {
        if (positions.Length == 0) return;
        int q = Settings.SamplesPerDraw;
        long d = state.Dimension;
        var samples = positions.Select(p => cohort[p]).ToArray();
        var index = state.Index(positions);
        var xi = state.Streams.Gaussian(samples, q, state.ImageShape).view(positions.Length, q, d);
        Tensor u;
        if (prior is null) u = RmsNormalization.Rows(xi.view(-1, d)).view(positions.Length, q, d);
        else
        {
            var v = prior.index_select(0, index).view(positions.Length, 1, d);
            var vv = v.square().sum(-1, keepdim: true).clamp_min_(1e-12);
            var orthogonal = RmsNormalization.Rows((xi - (xi * v).sum(-1, keepdim: true) / vv * v).view(-1, d)).view(positions.Length, q, d);
            var mix = tensor(positions.Select(p => (float)lambda[p]).ToArray(), ScalarType.Float32, x.device).view(-1, 1, 1);
            u = (1 - mix).sqrt_() * orthogonal + mix.sqrt() * v;
        }
        var xFlat = x.index_select(0, index).view(positions.Length, 1, d);
        var pending = Enumerable.Range(0, positions.Length).ToArray();
        while ((pending = pending.Where(i => state.TryAfford(samples[i], q)).ToArray()).Length > 0)
        {
            var rows = state.Index(pending);
            var pendingSamples = pending.Select(i => samples[i]).ToArray();
            var uRows = u.index_select(0, rows);
            var sigma = tensor(pendingSamples.Select(s => (float)state.Sigma[s]).ToArray(), ScalarType.Float32, x.device).view(-1, 1, 1);
            var points = (xFlat.index_select(0, rows) + sigma * uRows).view(new[] { pending.Length * (long)q }.Concat(state.ImageShape).ToArray());
            var (loss, _) = state.Query(points, pendingSamples.SelectMany(s => Enumerable.Repeat(s, q)).ToArray());
            var differences = new float[loss.Length];
            for (int k = 0; k < loss.Length; k++) differences[k] = (float)(loss[k] - state.Loss[pendingSamples[k / q]]);
            var gradient = (tensor(differences, ScalarType.Float32, x.device).view(pending.Length, q, 1) * uRows).mean(new long[] { 1 });
            var isZero = gradient.abs().amax(new long[] { 1 }).eq(0).cpu().data<bool>().ToArray();
            var done = new List<int>();
            var retry = new List<int>();
            for (int k = 0; k < pending.Length; k++)
            {
                if (isZero[k]) { state.Sigma[pendingSamples[k]] *= 5; retry.Add(pending[k]); }
                else done.Add(k);
            }
            if (done.Count > 0)
            {
                var doneRows = state.Index(done);
                var target = state.Index(done.Select(k => positions[pending[k]]).ToArray());
                using (no_grad()) direction.index_copy_(0, target, gradient.index_select(0, doneRows).view(new[] { (long)done.Count }.Concat(state.ImageShape).ToArray()));
            }
            pending = retry.ToArray();
        }
    }
}
