"""One outer iteration of P-RGF (Cheng et al. 2019) over a batch of samples, written as Repro's batched
implementation computes it (src/Repro/Attacks/PriorGuidedRandomGradientFree*.cs): the clean-image queries,
the prior's input-gradients, the S gradient-norm probes, the prior probe (sigma doubling while the loss does
not move), lambda* (Eq. 12), the q-direction estimate and the evaluated step. The query budget is left out:
one iteration never reaches it."""

import math

import torch
import torch.nn.functional as F

FLOAT_EPSILON = 1.401298464324817e-45  # .NET float.Epsilon, the smallest positive float32


def rms_rows(z):
    flat = z.flatten(1)
    peak = flat.abs().amax(1, keepdim=True).clamp_min_(FLOAT_EPSILON)
    scaled = flat / peak
    rms = scaled.square().mean(1, keepdim=True).sqrt_().clamp_min_(FLOAT_EPSILON)
    return (scaled / rms).view(z.shape)


def optimal_lambda(alpha, d, q):
    a2, b = alpha * alpha, d + 2 * q - 2
    if a2 <= 1.0 / b:
        return 0.0
    if a2 >= (2.0 * q - 1) / b:
        return 1.0
    return (1 - a2) * (a2 * b - 1) / (2 * a2 * d * q - a2 * a2 * d * b - 1)


def input_gradient(model, x, y):
    with torch.enable_grad():
        x = x.detach().requires_grad_(True)
        loss = F.cross_entropy(model(x), y, reduction="sum")
        return torch.autograd.grad(loss, x)[0].detach()


class PriorGuidedIteration:
    def __init__(self, server, prior, images, labels, settings):
        self.server, self.prior = server, prior
        self.images, self.labels = images, labels
        self.q, self.s = settings["samplesPerDraw"], settings["normProbes"]
        self.sigma0, self.step, self.eps = settings["sigma"], settings["stepSize"], settings["epsilon"]
        self.batch = settings["oracleBatchSize"]

    def query(self, points, samples):
        """Losses (float64 cross-entropy of the softmax scores, as the oracle's caller computes) and top-1 labels."""
        with torch.no_grad():
            scores = torch.cat([F.softmax(self.server(points[i:i + self.batch]), 1) for i in range(0, points.shape[0], self.batch)])
            label = self.labels[samples].unsqueeze(1)
            loss = scores.gather(1, label).squeeze(1).clamp_min(FLOAT_EPSILON).double().log_().neg_()
            return loss.tolist(), scores.argmax(1).tolist()

    def gaussian(self, generators, samples, per_sample):
        shape = (per_sample,) + tuple(self.images.shape[1:])
        return torch.cat([torch.randn(shape, generator=generators[s]) for s in samples])

    def run(self, seed=0):
        n, d = self.images.shape[0], self.images[0].numel()
        generators = [torch.Generator().manual_seed(seed) for _ in range(n)]
        sigma = [self.sigma0] * n
        origin = self.images.detach().clone()
        current = origin.clone()
        loss, predicted = self.query(origin, list(range(n)))
        labels = self.labels.tolist()
        active = [i for i in range(n) if predicted[i] == labels[i]]
        if not active:
            return current, 0
        index = torch.tensor(active)
        x = current[index]
        # The prior: the on-device model's input-gradient, RMS-normalised.
        with torch.no_grad():
            chunks = [input_gradient(self.prior, x[i:i + self.batch], self.labels[index][i:i + self.batch]) for i in range(0, len(active), self.batch)]
            prior = rms_rows(torch.cat(chunks))
        # Gradient-norm estimate: S probes per sample.
        directions = rms_rows(self.gaussian(generators, active, self.s))
        column = torch.tensor([sigma[i] for i in active], dtype=torch.float32).repeat_interleave(self.s).view(-1, 1, 1, 1)
        probe_loss, _ = self.query(x.repeat_interleave(self.s, 0) + column * directions, [i for i in active for _ in range(self.s)])
        norm_square = [sum(((probe_loss[k * self.s + j] - loss[i]) / sigma[i]) ** 2 for j in range(self.s)) / self.s for k, i in enumerate(active)]
        # The prior's cosine alpha, sigma doubling while the loss does not move; then lambda*.
        squared = prior.flatten(1).square().sum(1).double().tolist()
        alpha = [0.0] * len(active)
        pending = [k for k in range(len(active)) if squared[k] > 0]
        while pending:
            rows = torch.tensor(pending)
            col = torch.tensor([sigma[active[k]] for k in pending], dtype=torch.float32).view(-1, 1, 1, 1)
            probe, _ = self.query(x[rows] + col * prior[rows], [active[k] for k in pending])
            retry = []
            for j, k in enumerate(pending):
                i = active[k]
                difference = probe[j] - loss[i]
                if difference == 0:
                    sigma[i] *= 2
                    retry.append(k)
                else:
                    alpha[k] = difference / sigma[i] / max(math.sqrt(squared[k] * norm_square[k]), 1e-12)
            pending = retry
        lam = [optimal_lambda(abs(a), d, self.q) for a in alpha]
        prior = prior * torch.tensor([-1.0 if a < 0 else 1.0 for a in alpha]).view(-1, 1, 1, 1)
        direction = prior.clone()
        # The q-direction estimate for samples that do not simply follow the prior.
        estimated = [k for k in range(len(active)) if lam[k] != 1]
        if estimated:
            rows = torch.tensor(estimated)
            m = len(estimated)
            xi = self.gaussian(generators, [active[k] for k in estimated], self.q).view(m, self.q, d)
            v = prior[rows].view(m, 1, d)
            vv = v.square().sum(-1, keepdim=True).clamp_min_(1e-12)
            orthogonal = rms_rows((xi - (xi * v).sum(-1, keepdim=True) / vv * v).view(-1, d)).view(m, self.q, d)
            mix = torch.tensor([lam[k] for k in estimated], dtype=torch.float32).view(-1, 1, 1)
            u = (1 - mix).sqrt_() * orthogonal + mix.sqrt() * v
            x_flat = x[rows].view(m, 1, d)
            pending = list(range(m))
            while pending:
                p = torch.tensor(pending)
                samples = [active[estimated[j]] for j in pending]
                col = torch.tensor([sigma[i] for i in samples], dtype=torch.float32).view(-1, 1, 1)
                points = (x_flat[p] + col * u[p]).view((len(pending) * self.q,) + tuple(self.images.shape[1:]))
                probe, _ = self.query(points, [i for i in samples for _ in range(self.q)])
                differences = torch.tensor([probe[k] - loss[samples[k // self.q]] for k in range(len(probe))], dtype=torch.float32)
                gradient = (differences.view(len(pending), self.q, 1) * u[p]).mean(1)
                zero = gradient.abs().amax(1).eq(0).tolist()
                done = [j for j, z in enumerate(zero) if not z]
                for j, z in enumerate(zero):
                    if z:
                        sigma[samples[j]] *= 5
                if done:
                    targets = torch.tensor([estimated[pending[j]] for j in done])
                    direction.index_copy_(0, targets, gradient[torch.tensor(done)].view((len(done),) + tuple(self.images.shape[1:])))
                pending = [pending[j] for j, z in enumerate(zero) if z]
        # The step, projected to the eps-ball and [0, 1], and its evaluation.
        with torch.no_grad():
            o = origin[index]
            moved = (x + self.step * direction.sign()).clamp((o - self.eps).clamp_min_(0), (o + self.eps).clamp_max_(1))
            current.index_copy_(0, index, moved)
        _, after = self.query(moved, active)
        return current, sum(1 for k, i in enumerate(active) if after[k] != labels[i])
