import type { PyTorchCapability } from '../capabilities';
import { pyActivation } from '../python';

export const densePyTorch: PyTorchCapability = {
  forward: (c) => [`${c.output('out')} = dense(${c.input('in')}, ${c.param('dense/kernel')}, ${c.param('dense/bias')}, ${pyActivation(c.params.activation)})`],
};
