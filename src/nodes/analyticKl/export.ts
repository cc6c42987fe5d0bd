import type { PyTorchCapability } from '../capabilities';

/** KL(q‖p) in closed form, broadcast to one per sample and example (a prior has no batch axis). */
export const analyticKlPyTorch: PyTorchCapability = {
  forward(c) {
    const S = (c.outputShape('term') as { samples: number }).samples;
    return [`${c.output('term')} = gaussian_kl(${c.input('q')}, ${c.input('p')}).expand(${S}, ${c.batch})`];
  },
};
