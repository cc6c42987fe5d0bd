import { z } from 'zod';
import type { InferResult, NodeSpec } from '../types';
import { samplesOf, termShape } from '../termShapes';
import { reduceSamplesTex } from './tex';
import { reduceSamplesPyTorch } from './export';

export const reduceSamplesParams = z.object({
  /** mean: the ELBO's Monte Carlo average; logMeanExp: the importance-sampled log-likelihood; weighted: Σ_j w_j t_j. */
  op: z.enum(['mean', 'logMeanExp', 'weighted']).default('logMeanExp'),
});
export type ReduceSamplesParams = z.infer<typeof reduceSamplesParams>;

export const REDUCTION_WORDS: Record<ReduceSamplesParams['op'], string> = {
  mean: 'mean over samples',
  logMeanExp: 'log-mean-exp over samples',
  weighted: 'sum weighted by the weights',
};

export const reduceSamplesSpec: NodeSpec<ReduceSamplesParams> = {
  kind: 'reduceSamples',
  family: 'part',
  pytorch: reduceSamplesPyTorch,
  title: 'Reduce over samples',
  doc: 'Turns J per-sample terms into one per example. Log-mean-exp of the log weights is the importance-sampled estimate (IWAE); the mean is the ELBO — Jensen: log E ≥ E log, so swapping one for the other is the lecture\'s step from importance sampling to the ELBO. The weighted sum Σ_j w_j t_j takes self-normalised weights (DReG, reweighted wake-sleep).',
  formula: '\\log \\tfrac1J \\textstyle\\sum_j e^{t_j} \\;\\text{or}\\; \\tfrac1J \\sum_j t_j \\;\\text{or}\\; \\sum_j w_j t_j',
  inputs: [
    { name: 'term', kind: 'term', label: 't' },
    { name: 'weights', kind: 'term', label: 'w', optional: true, doc: 'Weights per sample, for the weighted sum (from Sample weights).' },
  ],
  outputs: [{ name: 'term', kind: 'term', label: 'reduced' }],
  params: reduceSamplesParams,
  defaults: reduceSamplesParams.parse({}),
  fields: [
    {
      key: 'op',
      label: 'Reduction',
      type: 'select',
      options: [
        { value: 'logMeanExp', label: 'Log-mean-exp (importance sampling)' },
        { value: 'mean', label: 'Mean (Jensen: the ELBO)' },
        { value: 'weighted', label: 'Weighted sum Σ w·t' },
      ],
    },
  ],
  partTex: reduceSamplesTex,
  reduction: { param: 'op', mean: 'mean', logMeanExp: 'logMeanExp' },
  infer({ params, inputs }): InferResult {
    const { term, weights } = inputs;
    if (!term) return { outputs: {}, errors: [] };
    if (params.op === 'weighted' && !weights) return { outputs: {}, errors: ['The weighted sum needs weights: connect Sample weights to w.'] };
    if (params.op !== 'weighted' && weights) return { outputs: {}, errors: [`The weights are read only by the weighted sum; this node takes the ${REDUCTION_WORDS[params.op]}. Disconnect w or choose the weighted sum.`] };
    if (weights && samplesOf(weights) !== samplesOf(term)) {
      return { outputs: {}, errors: [`The weights carry ${samplesOf(weights)} samples per example but the term ${samplesOf(term)}: weigh the samples they were computed from.`] };
    }
    return { outputs: { term: termShape(1) }, errors: [] };
  },
};
