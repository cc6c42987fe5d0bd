// Monte Carlo with prior samples from parts: log p(x|z_j) at the data, reduced by
// log-mean-exp over the samples z_j ~ p(z) the likelihood was computed from.
import type { EstimatorExpansion } from '../expand';
import { logDensitySpec } from '../logDensity/spec';
import { reduceSamplesSpec } from '../reduceSamples/spec';
import { objectiveSpec } from '../objective/spec';

export const expandMcPrior = (): EstimatorExpansion => ({
  kind: 'parts',
  parts: [
    { key: 'logLik', kind: logDensitySpec.kind, label: 'log p(x|z)', col: 0, row: 0 },
    { key: 'reduce', kind: reduceSamplesSpec.kind, label: 'Prior MC: log-mean-exp', params: { op: 'logMeanExp' }, col: 1, row: 0 },
    { key: 'objective', kind: objectiveSpec.kind, label: '−log p̂(x), prior samples', params: { scope: 'all', reported: true }, col: 2, row: 0 },
  ],
  wires: [
    { from: { input: 'likelihood' }, to: { part: 'logLik', port: 'dist' } },
    { from: { input: 'x' }, to: { part: 'logLik', port: 'value' } },
    { from: { part: 'logLik', port: 'term' }, to: { part: 'reduce', port: 'term' } },
    { from: { part: 'reduce', port: 'term' }, to: { part: 'objective', port: 'term' } },
  ],
  objective: 'objective',
});
