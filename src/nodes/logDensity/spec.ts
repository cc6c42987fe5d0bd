import { z } from 'zod';
import type { InferResult, NodeSpec } from '../types';
import { broadcastSamples, termShape } from '../termShapes';
import { logDensityTex } from './tex';
import { logDensityPyTorch } from './export';

export const logDensityParams = z.object({});

export const logDensitySpec: NodeSpec<Record<string, never>> = {
  kind: 'logDensity',
  family: 'part',
  pytorch: logDensityPyTorch,
  title: 'Log-density',
  doc: 'log p(v): the log-density of a distribution at a value, summed over features, one number per sample and example. At the data x it is the log-likelihood; at samples z, the log-prior or the log-proposal.',
  formula: '\\log p(v) = \\sum_{i=1}^{D} \\log p(v_i)',
  inputs: [
    { name: 'dist', kind: 'dist', label: 'p' },
    { name: 'value', kind: 'tensor', label: 'v', doc: 'Where the density is evaluated: the data x, or samples z.' },
  ],
  outputs: [{ name: 'term', kind: 'term', label: 'log p(v)' }],
  params: logDensityParams as unknown as z.ZodType<Record<string, never>>,
  defaults: {},
  fields: [],
  density: { distPort: 'dist', valuePort: 'value' },
  partTex: logDensityTex,
  infer({ inputs }): InferResult {
    const { dist, value } = inputs;
    if (dist?.kind !== 'dist' || value?.kind !== 'tensor') return { outputs: {}, errors: [] };
    if (dist.dim !== value.dim) {
      return { outputs: {}, errors: [`The distribution is over ${dist.dim} dimensions but the value has ${value.dim}: evaluate it where it lives (p(x|z) at the data, p(z) and q(z|x) at the samples z).`] };
    }
    const s = broadcastSamples([['The distribution', dist], ['the value', value]]);
    if ('error' in s) return { outputs: {}, errors: [s.error] };
    return { outputs: { term: termShape(s.samples) }, errors: [] };
  },
};
