import type { PyTorchCapability } from '../capabilities';

/** Reconstruction plus the KL: in closed form when both are Gaussian and it is asked for, else at the samples. */
export const elboLossPyTorch: PyTorchCapability = {
  forward(c) {
    const q = c.input('proposal');
    const p = c.input('prior');
    const z = c.input('z');
    const gaussian = (port: string) => (c.inputShape(port) as { family?: string } | undefined)?.family === 'gaussian';
    const kl = c.params.kl === 'analytic' && gaussian('proposal') && gaussian('prior') ? `gaussian_kl(${q}, ${p}).mean(0)` : `(${q}.log_prob(${z}) - ${p}.log_prob(${z})).mean(0)`;
    return [`${c.output('loss')} = -${c.input('likelihood')}.log_prob(${c.input('x')}).mean(0) + ${kl}`];
  },
};
