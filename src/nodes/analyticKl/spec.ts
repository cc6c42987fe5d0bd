import { z } from 'zod';
import type { InferResult, NodeSpec } from '../types';
import { broadcastSamples, termShape } from '../termShapes';
import { analyticKlTex } from './tex';
import { analyticKlPyTorch } from './export';

export const analyticKlParams = z.object({});

export const analyticKlSpec: NodeSpec<Record<string, never>> = {
  kind: 'analyticKl',
  family: 'part',
  pytorch: analyticKlPyTorch,
  title: 'KL divergence (analytic)',
  doc: 'KL(q ‖ p) between two diagonal Gaussians in closed form, summed over dimensions: no samples, so no sampling noise. Subtract it from the expected log-likelihood for the ELBO; a weight on it is the β of a β-VAE.',
  formula: '\\mathrm{KL}(q \\,\\|\\, p) = \\tfrac12 \\sum_i \\Big[\\tfrac{s_i^2 + (\\mu_i - m_i)^2}{t_i^2} - 1 - \\log s_i^2 + \\log t_i^2\\Big]',
  inputs: [
    { name: 'q', kind: 'dist', label: 'q', doc: 'The proposal q(z|x), a diagonal Gaussian.' },
    { name: 'p', kind: 'dist', label: 'p', doc: 'The prior p(z), a diagonal Gaussian.' },
  ],
  outputs: [{ name: 'term', kind: 'term', label: 'KL(q‖p)' }],
  params: analyticKlParams as unknown as z.ZodType<Record<string, never>>,
  defaults: {},
  fields: [],
  kl: { qPort: 'q', pPort: 'p' },
  partTex: analyticKlTex,
  infer({ inputs }): InferResult {
    const { q, p } = inputs;
    if (q?.kind !== 'dist' || p?.kind !== 'dist') return { outputs: {}, errors: [] };
    const errors: string[] = [];
    for (const [name, d] of [['q', q], ['p', p]] as const) {
      if (d.family !== 'gaussian') errors.push(`The analytic KL needs two Gaussians, but ${name} is ${d.family === 'bernoulli' ? 'a Bernoulli' : `a ${d.family}`}: estimate the KL from samples instead (log q(z|x) − log p(z) at the same z).`);
    }
    if (q.dim !== p.dim) errors.push(`q is over ${q.dim} dimensions but p over ${p.dim}: the KL compares two distributions over the same z.`);
    const s = broadcastSamples([['q', q], ['p', p]]);
    if ('error' in s) errors.push(s.error);
    if (errors.length || 'error' in s) return { outputs: {}, errors };
    return { outputs: { term: termShape(s.samples) }, errors: [] };
  },
};
