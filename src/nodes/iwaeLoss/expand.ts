// IWAE from parts: the log importance weight log w_j = log p(x|z_j) + log p(z_j) − log q(z_j|x)
// at the estimator's samples, reduced by log-mean-exp. The Monte Carlo ELBO reads the same
// log w (elboLoss/expand.ts) and only swaps the reduction: Jensen's step of the lecture.
import type { EstimatorExpansion, ExpansionPart, ExpansionWire } from '../expand';
import { logDensitySpec } from '../logDensity/spec';
import { weightedSumSpec } from '../weightedSum/spec';
import { reduceSamplesSpec } from '../reduceSamples/spec';
import { objectiveSpec } from '../objective/spec';

/** log w per sample, in column 0 (the three log-densities) and 1 (their sum, part `logW`). */
export function logWeightParts(): { parts: ExpansionPart[]; wires: ExpansionWire[] } {
  const density = (key: string, label: string, row: number): ExpansionPart => ({ key, kind: logDensitySpec.kind, label, col: 0, row });
  return {
    parts: [
      density('logLik', 'log p(x|z)', 0),
      density('logPrior', 'log p(z)', 1),
      density('logQ', 'log q(z|x)', 2),
      { key: 'logW', kind: weightedSumSpec.kind, label: 'log w = log p(x|z) + log p(z) − log q(z|x)', params: { wa: 1, wb: 1, wc: -1 }, col: 1, row: 1 },
    ],
    wires: [
      { from: { input: 'likelihood' }, to: { part: 'logLik', port: 'dist' } },
      { from: { input: 'x' }, to: { part: 'logLik', port: 'value' } },
      { from: { input: 'prior' }, to: { part: 'logPrior', port: 'dist' } },
      { from: { input: 'z' }, to: { part: 'logPrior', port: 'value' } },
      { from: { input: 'proposal' }, to: { part: 'logQ', port: 'dist' } },
      { from: { input: 'z' }, to: { part: 'logQ', port: 'value' } },
      { from: { part: 'logLik', port: 'term' }, to: { part: 'logW', port: 'a' } },
      { from: { part: 'logPrior', port: 'term' }, to: { part: 'logW', port: 'b' } },
      { from: { part: 'logQ', port: 'term' }, to: { part: 'logW', port: 'c' } },
    ],
  };
}

/** log w reduced over the samples (`op`), then the objective: −(reduction) per example. */
export function reducedLogWeights(op: 'logMeanExp' | 'mean', reduceLabel: string, objectiveLabel: string): EstimatorExpansion {
  const w = logWeightParts();
  return {
    kind: 'parts',
    parts: [
      ...w.parts,
      { key: 'reduce', kind: reduceSamplesSpec.kind, label: reduceLabel, params: { op }, col: 2, row: 1 },
      { key: 'objective', kind: objectiveSpec.kind, label: objectiveLabel, params: { scope: 'all', reported: true }, col: 3, row: 1 },
    ],
    wires: [
      ...w.wires,
      { from: { part: 'logW', port: 'term' }, to: { part: 'reduce', port: 'term' } },
      { from: { part: 'reduce', port: 'term' }, to: { part: 'objective', port: 'term' } },
    ],
    objective: 'objective',
  };
}

export const expandIwae = (): EstimatorExpansion => reducedLogWeights('logMeanExp', 'IWAE: log-mean-exp', '−IWAE bound');
