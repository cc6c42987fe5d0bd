import type { PyContext, PyTorchCapability } from '../capabilities';
import { findLinearGaussian, type LinearGaussianChain } from './structure';

/**
 * −log p(x) of prior → linear… → Gaussian in closed form (model.py's ppca_nll), from the
 * chain's own parameters: W and b composed from the linear layers, ν² and σ² the Gaussians'.
 * The held-out NLL of any graph with such a chain uses the same expression.
 */
export function exactNllExpression(c: PyContext, chain: LinearGaussianChain, x: string): string {
  const layers = chain.linearIds.map((id) => {
    const l = c.other(id)!;
    return `(${l.param('kernel')}, ${l.params.bias === false ? 'None' : l.param('bias')})`;
  });
  const logVar = (id: string) => c.other(id)!.ownLogVariance()!;
  return `ppca_nll(${x}, [${layers.join(', ')}], ${logVar(chain.priorId)}, ${logVar(chain.likelihoodId)})`;
}

export const exactNllPyTorch: PyTorchCapability = {
  forward(c) {
    const found = findLinearGaussian(c.doc, c.node);
    if (!found.ok) throw new Error(found.reason);
    return [`${c.output('loss')} = ${exactNllExpression(c, found.chain, `${c.input('x')}[0]`)}`];
  },
};
