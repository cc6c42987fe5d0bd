import type { PyTorchCapability } from '../capabilities';

/** −log (1/J) Σ_j p(x|z_j) p(z_j) / q(z_j|x). */
export const iwaeLossPyTorch: PyTorchCapability = {
  forward(c) {
    const z = c.input('z');
    const logW = `${c.input('likelihood')}.log_prob(${c.input('x')}) + ${c.input('prior')}.log_prob(${z}) - ${c.input('proposal')}.log_prob(${z})`;
    return [`${c.output('loss')} = -log_mean_exp(${logW}, 0)`];
  },
};
