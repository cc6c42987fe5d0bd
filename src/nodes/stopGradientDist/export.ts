import type { PyTorchCapability } from '../capabilities';

export const stopGradientDistPyTorch: PyTorchCapability = {
  forward: (c) => [`${c.output('dist')} = ${c.input('dist')}.held_fixed()`],
};
