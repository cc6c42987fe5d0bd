import { z } from 'zod';
import type { InferResult, NodeSpec } from '../types';
import { bernoulliDistribution } from './distribution';
import { bernoulliPyTorch } from './export';
import { bernoulliSummary } from './summary';

export const bernoulliParams = z.object({});
export type BernoulliParams = z.infer<typeof bernoulliParams>;

export const bernoulliSpec: NodeSpec<BernoulliParams> = {
  kind: 'bernoulli',
  family: 'distribution',
  pytorch: bernoulliPyTorch,
  title: 'Bernoulli',
  doc: 'Independent Bernoulli pixels with logits ℓ: the usual image likelihood p(x|z). On grey-level pixels (x between 0 and 1) the log-probability is the binary cross-entropy, not a normalised density, so its losses are not comparable with a Gaussian likelihood.',
  formula: '\\log p(x \\mid \\ell) = \\sum_i \\left[x_i \\ell_i - \\operatorname{softplus}(\\ell_i)\\right]',
  summaryTex: bernoulliSummary,
  inputs: [{ name: 'logits', kind: 'tensor', label: 'logits ℓ' }],
  outputs: [{ name: 'dist', kind: 'dist', label: 'p' }],
  params: bernoulliParams,
  defaults: {},
  fields: [],
  support: { min: 0, max: 1, what: 'a Bernoulli likelihood', remedy: 'rescale the data into [0, 1], or use a Gaussian likelihood' },
  distribution: bernoulliDistribution,
  infer({ inputs }): InferResult {
    const l = inputs.logits;
    if (!l || l.kind !== 'tensor') return { outputs: {}, errors: ['Connect the logits (a tensor).'] };
    return { outputs: { dist: { kind: 'dist', family: 'bernoulli', samples: l.samples, dim: l.dim } }, errors: [] };
  },
};
