import { z } from 'zod';
import type { InferResult, NodeSpec } from '../types';
import { samplerSampling } from './sampling';
import { samplerPyTorch } from './export';
import { samplerSummary } from './summary';

export const samplerParams = z.object({
  samples: z.number().int().min(1).max(10000).default(1),
  mode: z.enum(['reparam', 'mean']).default('reparam'),
});
export type SamplerParams = z.infer<typeof samplerParams>;

export const samplerSpec: NodeSpec<SamplerParams> = {
  kind: 'sampler',
  family: 'sampler',
  pytorch: samplerPyTorch,
  title: 'Sampler',
  doc: 'Draws J samples from a distribution with the reparameterisation z = μ + s ⊙ ε, so gradients flow through them; or returns the mean (a point estimate, the deterministic autoencoder).',
  formula: 'z_j = \\mu + s \\odot \\varepsilon_j,\\ \\varepsilon_j \\sim \\mathcal{N}(0, I),\\ j = 1..J',
  summaryTex: samplerSummary,
  inputs: [{ name: 'dist', kind: 'dist', label: 'p' }],
  outputs: [{ name: 'z', kind: 'tensor', label: 'z' }],
  params: samplerParams,
  defaults: samplerParams.parse({}),
  paramLimits: [{ param: 'samples', limit: 'samples', what: 'the samples per example' }],
  fields: [
    { key: 'mode', label: 'Mode', type: 'select', options: [{ value: 'reparam', label: 'Reparameterised samples' }, { value: 'mean', label: 'Point estimate (mean)' }] },
    { key: 'samples', label: 'Samples J', type: 'number', integer: true, min: 1, max: 10000, showIf: (p) => p.mode !== 'mean' },
  ],
  sampler: samplerSampling,
  infer({ params, inputs }): InferResult {
    const d = inputs.dist;
    if (!d) return { outputs: {}, errors: ['Connect a distribution to sample from.'] };
    if (d.kind !== 'dist') return { outputs: {}, errors: ['The input must be a distribution.'] };
    if (params.mode === 'mean') return { outputs: { z: { kind: 'tensor', samples: d.samples, dim: d.dim } }, errors: [] };
    if (d.samples > 1 && params.samples > 1) {
      return { outputs: {}, errors: [`The input already carries ${d.samples} samples per example; sampling ${params.samples} more from each is not supported — set J to 1.`] };
    }
    return { outputs: { z: { kind: 'tensor', samples: d.samples * params.samples, dim: d.dim } }, errors: [] };
  },
};
