import type { PyContext, PyTorchCapability } from '../capabilities';
import { pyNumber } from '../python';

/** Its own log σ²: a learned parameter, or log(scale²) as a constant (as build.ts makes it). */
function ownLogVariance(c: PyContext): string {
  if (c.params.scaleMode === 'learned') return c.param('logVar');
  const s = Number(c.params.scale);
  return `const(${pyNumber(Math.log(s * s))}, x)`;
}

export const gaussianPyTorch: PyTorchCapability = {
  ownLogVariance,
  forward(c) {
    const dim = (c.outputShape('dist') as { dim: number }).dim;
    return [`${c.output('dist')} = Gaussian(${c.input('mean') ?? 'None'}, ${c.input('logvar') ?? ownLogVariance(c)}, ${dim})`];
  },
};
