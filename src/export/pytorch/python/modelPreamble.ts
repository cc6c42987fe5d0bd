// model.py's fixed part: the values the node hooks' statements work with. Shapes follow the
// app's: tensors [S, B, D] (S samples per example), terms [S, B], losses [B].
export const MODEL_PREAMBLE = String.raw`import math

import torch
import torch.nn.functional as F
from torch import nn

LOG_2PI = math.log(2 * math.pi)


def const(value, like):
    """A float32 constant on the device of the tensor like."""
    return torch.tensor(value, dtype=torch.float32, device=like.device)


ACTIVATIONS = {
    "relu": torch.relu,
    "tanh": torch.tanh,
    "sigmoid": torch.sigmoid,
    "softplus": F.softplus,
    "leakyRelu": lambda h: F.leaky_relu(h, 0.2),
    "linear": lambda h: h,
}


def dense(h, kernel, bias, activation="linear"):
    """activation(h · kernel + bias) for h [S, B, in]; kernel is [in, out] as the app stores it."""
    y = h @ kernel
    if bias is not None:
        y = y + bias
    return ACTIVATIONS[activation](y)


def log_mean_exp(a, dim):
    return torch.logsumexp(a, dim) - math.log(a.shape[dim])


def normalised_weights(log_w):
    """Softmax over samples; the max is subtracted without a gradient (it cancels)."""
    shifted = torch.exp(log_w - log_w.max(0, keepdim=True).values.detach())
    return shifted / shifted.sum(0, keepdim=True)


def warm_up(progress, unit, length):
    """A linear warm-up factor: 0 at the first step, 1 after length steps or epochs; 1 outside training."""
    if progress is None:
        return 1.0
    step, steps_per_epoch = progress
    t = step if unit == "steps" else step / max(1, steps_per_epoch)
    return min(1.0, t / length)


class Noise:
    """The standard noise every sampler draws from, made once per node and step, so that the
    passes of one step (one per objective scope) see the same draws. recorded replays the
    app's own draws (the first-step check)."""

    def __init__(self, generator=None, device="cpu", recorded=None):
        self.generator = generator
        self.device = device
        self.recorded = recorded or {}
        self.drawn = {}

    def _draw(self, key, shape, make):
        if key not in self.drawn:
            if key in self.recorded:
                value = self.recorded[key].to(self.device)
                if tuple(value.shape) != tuple(shape):
                    raise ValueError(f"recorded noise for {key} is {tuple(value.shape)}, the model draws {tuple(shape)}")
                self.drawn[key] = value
            else:
                self.drawn[key] = make(shape)
        return self.drawn[key]

    def normal(self, key, shape):
        return self._draw(key, shape, lambda s: torch.randn(s, generator=self.generator, device=self.device))

    def uniform(self, key, shape):
        return self._draw(key, shape, lambda s: torch.rand(s, generator=self.generator, device=self.device))

    def keyed(self, key):
        return KeyedNoise(self, key)


class KeyedNoise:
    def __init__(self, noise, key):
        self.noise, self.key = noise, key

    def normal(self, shape):
        return self.noise.normal(self.key, shape)

    def uniform(self, shape):
        return self.noise.uniform(self.key, shape)


class Gaussian:
    """N(mean, diag e^logvar) over the last axis; mean None is the zero mean of a prior."""

    family = "gaussian"

    def __init__(self, mean, logvar, dim):
        self.mean, self.logvar, self.dim = mean, logvar, dim

    def _mean(self, like):
        return self.mean if self.mean is not None else torch.zeros(1, 1, self.dim, device=like.device)

    def log_prob(self, v):
        diff = v - self._mean(v)
        return -0.5 * (self.logvar + LOG_2PI + diff ** 2 * torch.exp(-self.logvar)).sum(-1)

    def mean_at(self, batch):
        if self.mean is not None:
            return self.mean
        return torch.zeros(1, batch, self.dim, device=self.logvar.device)

    def sample(self, J, batch, noise):
        mu = self.mean_at(batch)
        eps = noise.normal((mu.shape[0] * J, batch, self.dim))
        return mu + torch.exp(0.5 * self.logvar) * eps

    def held_fixed(self):
        return Gaussian(None if self.mean is None else self.mean.detach(), self.logvar.detach(), self.dim)


class Bernoulli:
    """Independent Bernoulli over the last axis, parameterised by logits [S, B, D]."""

    family = "bernoulli"

    def __init__(self, logits):
        self.logits = logits
        self.dim = logits.shape[-1]

    def log_prob(self, v):
        return (v * self.logits - F.softplus(self.logits)).sum(-1)

    def mean_at(self, batch):
        return torch.sigmoid(self.logits)

    def sample(self, J, batch, noise):
        S, _, D = self.logits.shape
        return (noise.uniform((S * J, batch, D)) < torch.sigmoid(self.logits)).float()

    def held_fixed(self):
        return Bernoulli(self.logits.detach())


def gaussian_kl(q, p):
    """KL(q ‖ p) between diagonal Gaussians, summed over the last axis."""
    q_mean = q._mean(q.logvar)
    diff2 = q_mean ** 2 if p.mean is None else (q_mean - p.mean) ** 2
    ratio = (torch.exp(q.logvar) + diff2) * torch.exp(-p.logvar)
    per_dim = 0.5 * (ratio - 1 + p.logvar - q.logvar)
    return (per_dim + torch.zeros_like(q_mean)).sum(-1)


def ppca_nll(x, layers, log_nu2, log_sigma2):
    """Exact −log p(x) per example [B] of z ~ N(0, ν² I), x | z ~ N(W z + b, σ² I), with W and b
    composed from the linear layers (kernel [in, out], bias); through the q × q Woodbury form."""
    K, c = layers[0][0], layers[0][1]
    if c is None:
        c = torch.zeros(K.shape[1], device=K.device)
    for kernel, bias in layers[1:]:
        K, c = K @ kernel, c @ kernel + (0 if bias is None else bias)
    W = K.T
    d, q = W.shape
    xc = x - c
    M = W.T @ W + torch.eye(q, device=x.device) * torch.exp(log_sigma2 - log_nu2)
    L = torch.linalg.cholesky(M)
    y = torch.linalg.solve_triangular(L, (xc @ W).T, upper=False).T
    quad = ((xc ** 2).sum(1) - (y ** 2).sum(1)) * torch.exp(-log_sigma2)
    log_det = log_sigma2 * (d - q) + log_nu2 * q + 2 * torch.log(torch.diagonal(L)).sum()
    return 0.5 * (quad + log_det + d * LOG_2PI)
`;
