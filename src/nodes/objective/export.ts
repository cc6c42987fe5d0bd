import type { PyTorchCapability } from '../capabilities';

/** The per-example loss [B]: the term negated (train.py takes the batch mean). */
export const objectivePyTorch: PyTorchCapability = {
  forward: (c) => [`${c.output('loss')} = -${c.input('term')}.reshape(${c.batch})`],
};
