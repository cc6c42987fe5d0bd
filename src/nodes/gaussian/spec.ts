import { z } from 'zod';
import type { InferResult, NodeSpec } from '../types';

export const gaussianParams = z.object({
  /** Dimension of a prior (used only when no mean is connected). */
  dim: z.number().int().min(1).max(4096).default(2),
  /** σ (or ν for a prior) fixed at `scale`, or learned starting from it. */
  scaleMode: z.enum(['fixed', 'learned']).default('fixed'),
  scale: z.number().positive('must be greater than 0').max(1e4).default(1),
});
export type GaussianParams = z.infer<typeof gaussianParams>;

export const gaussianSpec: NodeSpec<GaussianParams> = {
  kind: 'gaussian',
  family: 'distribution',
  title: 'Gaussian',
  doc: 'A Gaussian with isotropic scale. With no mean connected it is a prior N(0, ν²I) of the chosen dimension; with a mean input it is a likelihood N(mean, σ²I) whose σ is fixed or learned.',
  formula: '\\mathcal{N}(x \\mid m, \\sigma^2 I):\\ \\log p = -\\tfrac{d}{2}\\log(2\\pi\\sigma^2) - \\tfrac{\\lVert x - m\\rVert^2}{2\\sigma^2}',
  inputs: [{ name: 'mean', kind: 'tensor', label: 'mean', optional: true, doc: 'Leave empty for a zero-mean prior.' }],
  outputs: [{ name: 'dist', kind: 'dist', label: 'p' }],
  params: gaussianParams,
  defaults: gaussianParams.parse({}),
  fields: [
    { key: 'dim', label: 'Dimension (prior)', type: 'number', integer: true, min: 1, max: 4096, help: 'Used when no mean is connected.' },
    { key: 'scaleMode', label: 'Scale', type: 'select', options: [{ value: 'fixed', label: 'Fixed' }, { value: 'learned', label: 'Learned' }] },
    { key: 'scale', label: 'σ (initial if learned)', type: 'number', min: 0.0001, step: 0.1 },
  ],
  infer({ params, inputs }): InferResult {
    const mean = inputs.mean;
    if (mean && mean.kind !== 'tensor') return { outputs: {}, errors: ['The mean input must be a tensor.'] };
    if (mean) return { outputs: { dist: { kind: 'dist', family: 'gaussian', samples: mean.samples, dim: mean.dim } }, errors: [] };
    return { outputs: { dist: { kind: 'dist', family: 'gaussian', samples: 1, dim: params.dim } }, errors: [] };
  },
};
