import type { PyTorchCapability } from '../capabilities';

/** −log (1/J) Σ_j p(x | z_j), z_j from the prior. */
export const mcPriorLossPyTorch: PyTorchCapability = {
  forward: (c) => [`${c.output('loss')} = -log_mean_exp(${c.input('likelihood')}.log_prob(${c.input('x')}), 0)`],
};
