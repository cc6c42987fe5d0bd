import type { PyTorchCapability } from '../capabilities';

export const logDensityPyTorch: PyTorchCapability = {
  forward: (c) => [`${c.output('term')} = ${c.input('dist')}.log_prob(${c.input('value')})`],
};
