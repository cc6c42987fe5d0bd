// The negative ELBO from parts. Analytic KL: the mean over samples of log p(x|z), minus
// KL(q‖p) in closed form (its weight is the β of a β-VAE). Monte Carlo KL: IWAE's log w
// with the mean instead of log-mean-exp. The built-in falls back to the Monte Carlo KL when
// q or p is not Gaussian, and so does the expansion.
import type { EstimatorExpansion, ExpansionInputs } from '../expand';
import type { GraphNode } from '../../graph/document';
import { logDensitySpec } from '../logDensity/spec';
import { analyticKlSpec } from '../analyticKl/spec';
import { weightedSumSpec } from '../weightedSum/spec';
import { reduceSamplesSpec } from '../reduceSamples/spec';
import { objectiveSpec } from '../objective/spec';
import { reducedLogWeights } from '../iwaeLoss/expand';

const notGaussian = (s: ExpansionInputs[string]) => s?.kind === 'dist' && s.family !== 'gaussian';

export function expandElbo(node: GraphNode, inputs: ExpansionInputs): EstimatorExpansion {
  if (node.params.kl === 'mc' || notGaussian(inputs.proposal) || notGaussian(inputs.prior)) {
    return reducedLogWeights('mean', 'ELBO: mean over samples', '−ELBO');
  }
  // A KL with several samples per example (q computed from samples) is averaged like the built-in's.
  const klSamples = inputs.proposal?.kind === 'dist' ? inputs.proposal.samples : 1;
  const klMean = klSamples > 1;
  return {
    kind: 'parts',
    parts: [
      { key: 'logLik', kind: logDensitySpec.kind, label: 'log p(x|z)', col: 0, row: 0 },
      { key: 'kl', kind: analyticKlSpec.kind, label: 'KL(q‖p)', col: 0, row: 1 },
      { key: 'recon', kind: reduceSamplesSpec.kind, label: 'E_q log p(x|z): mean over samples', params: { op: 'mean' }, col: 1, row: 0 },
      ...(klMean ? [{ key: 'klMean', kind: reduceSamplesSpec.kind, label: 'KL: mean over samples', params: { op: 'mean' }, col: 1, row: 1 }] : []),
      { key: 'elbo', kind: weightedSumSpec.kind, label: 'ELBO = E_q log p(x|z) − KL(q‖p)', params: { wa: 1, wb: -1 }, col: 2, row: 0.5 },
      { key: 'objective', kind: objectiveSpec.kind, label: '−ELBO', params: { scope: 'all', reported: true }, col: 3, row: 0.5 },
    ],
    wires: [
      { from: { input: 'likelihood' }, to: { part: 'logLik', port: 'dist' } },
      { from: { input: 'x' }, to: { part: 'logLik', port: 'value' } },
      { from: { input: 'proposal' }, to: { part: 'kl', port: 'q' } },
      { from: { input: 'prior' }, to: { part: 'kl', port: 'p' } },
      { from: { part: 'logLik', port: 'term' }, to: { part: 'recon', port: 'term' } },
      { from: { part: 'recon', port: 'term' }, to: { part: 'elbo', port: 'a' } },
      ...(klMean
        ? [
            { from: { part: 'kl', port: 'term' }, to: { part: 'klMean', port: 'term' } },
            { from: { part: 'klMean', port: 'term' }, to: { part: 'elbo', port: 'b' } },
          ]
        : [{ from: { part: 'kl', port: 'term' }, to: { part: 'elbo', port: 'b' } }]),
      { from: { part: 'elbo', port: 'term' }, to: { part: 'objective', port: 'term' } },
    ],
    objective: 'objective',
  };
}
