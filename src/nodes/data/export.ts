import type { PyTorchCapability } from '../capabilities';

/** The batch itself: model.py receives x as [B, D] and the graph reads it as [1, B, D]. */
export const dataPyTorch: PyTorchCapability = {
  forward: (c) => [`${c.output('x')} = x[None]`],
};
