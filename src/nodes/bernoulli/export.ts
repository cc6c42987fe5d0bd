import type { PyTorchCapability } from '../capabilities';

export const bernoulliPyTorch: PyTorchCapability = {
  forward: (c) => [`${c.output('dist')} = Bernoulli(${c.input('logits')})`],
};
