import type { PyTorchCapability } from '../capabilities';

/** −mean over samples of [log p(x|z) + log p(z)] at the point estimate. */
export const autoencoderLossPyTorch: PyTorchCapability = {
  forward: (c) => [`${c.output('loss')} = -(${c.input('likelihood')}.log_prob(${c.input('x')}) + ${c.input('prior')}.log_prob(${c.input('z')})).mean(0)`],
};
