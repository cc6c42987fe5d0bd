// The autoencoder from parts: log p(x|ẑ) + log p(ẑ) at the point estimate ẑ = g(x). The
// built-in averages over ẑ's samples; a point estimate has one, so the mean is added only
// when ẑ carries several (or when their number is not known).
import type { EstimatorExpansion, ExpansionInputs } from '../expand';
import type { GraphNode } from '../../graph/document';
import { logDensitySpec } from '../logDensity/spec';
import { weightedSumSpec } from '../weightedSum/spec';
import { reduceSamplesSpec } from '../reduceSamples/spec';
import { objectiveSpec } from '../objective/spec';

const samples = (s: ExpansionInputs[string]) => (s && (s.kind === 'tensor' || s.kind === 'dist') ? s.samples : undefined);

export function expandAutoencoder(_node: GraphNode, inputs: ExpansionInputs): EstimatorExpansion {
  const S = [samples(inputs.z), samples(inputs.likelihood)];
  const reduce = S.some((s) => s === undefined || s > 1);
  const objectiveCol = reduce ? 3 : 2;
  return {
    kind: 'parts',
    parts: [
      { key: 'logLik', kind: logDensitySpec.kind, label: 'log p(x|ẑ)', col: 0, row: 0 },
      { key: 'logPrior', kind: logDensitySpec.kind, label: 'log p(ẑ)', col: 0, row: 1 },
      { key: 'sum', kind: weightedSumSpec.kind, label: 'log p(x|ẑ) + log p(ẑ)', params: { wa: 1, wb: 1 }, col: 1, row: 0.5 },
      ...(reduce ? [{ key: 'reduce', kind: reduceSamplesSpec.kind, label: 'mean over samples', params: { op: 'mean' }, col: 2, row: 0.5 }] : []),
      { key: 'objective', kind: objectiveSpec.kind, label: 'Autoencoder loss', params: { scope: 'all', reported: true }, col: objectiveCol, row: 0.5 },
    ],
    wires: [
      { from: { input: 'likelihood' }, to: { part: 'logLik', port: 'dist' } },
      { from: { input: 'x' }, to: { part: 'logLik', port: 'value' } },
      { from: { input: 'prior' }, to: { part: 'logPrior', port: 'dist' } },
      { from: { input: 'z' }, to: { part: 'logPrior', port: 'value' } },
      { from: { part: 'logLik', port: 'term' }, to: { part: 'sum', port: 'a' } },
      { from: { part: 'logPrior', port: 'term' }, to: { part: 'sum', port: 'b' } },
      ...(reduce
        ? [
            { from: { part: 'sum', port: 'term' }, to: { part: 'reduce', port: 'term' } },
            { from: { part: 'reduce', port: 'term' }, to: { part: 'objective', port: 'term' } },
          ]
        : [{ from: { part: 'sum', port: 'term' }, to: { part: 'objective', port: 'term' } }]),
    ],
    objective: 'objective',
  };
}
