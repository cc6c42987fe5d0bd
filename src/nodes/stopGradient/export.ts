import type { PyTorchCapability } from '../capabilities';

export const stopGradientPyTorch: PyTorchCapability = {
  forward: (c) => [`${c.output('out')} = ${c.input('in')}.detach()`],
};
