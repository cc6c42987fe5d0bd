import type { PyTorchCapability } from '../capabilities';

export const linearPyTorch: PyTorchCapability = {
  forward: (c) => [`${c.output('out')} = dense(${c.input('in')}, ${c.param('kernel')}, ${c.params.bias === false ? 'None' : c.param('bias')})`],
};
