import type { PyTorchCapability } from '../capabilities';

/** J draws from the distribution (noise keyed by this node, so every pass of a step sees the same), or its mean. */
export const samplerPyTorch: PyTorchCapability = {
  forward: (c) =>
    c.params.mode === 'mean'
      ? [`${c.output('z')} = ${c.input('dist')}.mean_at(${c.batch})`]
      : [`${c.output('z')} = ${c.input('dist')}.sample(${Number(c.params.samples)}, ${c.batch}, ${c.noise})`],
};
