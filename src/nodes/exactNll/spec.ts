import { z } from 'zod';
import type { NodeSpec } from '../types';
import { findLinearGaussian } from './structure';
import { exactNllEstimator } from './estimator';
import { exactNllPyTorch } from './export';
import { exactNllSummary } from './summary';

export const exactNllParams = z.object({});
export type ExactNllParams = z.infer<typeof exactNllParams>;

export const exactNllSpec: NodeSpec<ExactNllParams> = {
  kind: 'exactNll',
  family: 'loss',
  pytorch: exactNllPyTorch,
  title: 'Exact marginal NLL',
  doc: 'The negative log marginal likelihood of probabilistic PCA, integrated in closed form: x ~ N(b, ν²WWᵀ + σ²I). Computed in q×q form (Woodbury), never by inverting the d×d covariance. Needs prior → sampler → linear → Gaussian likelihood. Expanding it leaves it as it is: with z integrated out there are no sampled terms to expose as parts.',
  formula: '-\\log p(x) = \\tfrac12\\left[(x-b)^\\top K^{-1}(x-b) + \\log\\det K + d\\log 2\\pi\\right],\\ K = \\nu^2 W W^\\top + \\sigma^2 I',
  summaryTex: exactNllSummary,
  inputs: [
    { name: 'x', kind: 'tensor', label: 'x', doc: 'The observed data.' },
    { name: 'likelihood', kind: 'dist', label: 'p(x|z)' },
    { name: 'prior', kind: 'dist', label: 'p(z)' },
  ],
  outputs: [{ name: 'loss', kind: 'objective', label: 'loss' }],
  params: exactNllParams,
  defaults: {},
  fields: [],
  estimator: exactNllEstimator,
  infer({ inputs }) {
    const errors: string[] = [];
    const { x, likelihood, prior } = inputs;
    if (!x) errors.push('Connect the observed data x.');
    if (!likelihood) errors.push('Connect the likelihood p(x|z).');
    if (!prior) errors.push('Connect the prior p(z).');
    if (x && likelihood && x.kind === 'tensor' && likelihood.kind === 'dist' && x.dim !== likelihood.dim) {
      errors.push(`The likelihood is over ${likelihood.dim} dimensions but the data has ${x.dim}.`);
    }
    if (likelihood?.kind === 'dist' && likelihood.family !== 'gaussian') errors.push('The likelihood must be Gaussian.');
    return { outputs: { loss: { kind: 'objective' } }, errors };
  },
  checkStructure({ node, doc }) {
    if (!doc.edges.some((e) => e.target === node.id && e.targetPort === 'likelihood')) return [];
    const r = findLinearGaussian(doc, node);
    return r.ok ? [] : [r.reason];
  },
};
