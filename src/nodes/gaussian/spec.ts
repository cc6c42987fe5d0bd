import { z } from 'zod';
import type { InferResult, NodeSpec } from '../types';
import { gaussianDistribution } from './distribution';
import { gaussianPyTorch } from './export';
import { gaussianSummary } from './summary';

export const gaussianParams = z.object({
  /** Dimension of a prior (used only when no mean is connected). */
  dim: z.number().int().min(1).max(4096).default(2),
  /** σ (or ν for a prior) fixed at `scale`, or learned starting from it; ignored with a log-variance input. */
  scaleMode: z.enum(['fixed', 'learned']).default('fixed'),
  scale: z.number().positive('must be greater than 0').max(1e4).default(1),
});
export type GaussianParams = z.infer<typeof gaussianParams>;

export const gaussianSpec: NodeSpec<GaussianParams> = {
  kind: 'gaussian',
  family: 'distribution',
  pytorch: gaussianPyTorch,
  title: 'Gaussian',
  doc: 'With no mean connected: a prior N(0, ν²I) of the chosen dimension. With a mean: a likelihood N(mean, σ²I) whose σ is fixed or learned. With a mean and a log-variance v: a diagonal Gaussian N(mean, diag e^v) — the encoder q(z|x) of a VAE.',
  formula: '\\mathcal{N}(x \\mid m, \\operatorname{diag} e^{v}):\\ \\log p = -\\tfrac12 \\sum_i \\left[\\log 2\\pi + v_i + (x_i - m_i)^2 e^{-v_i}\\right]',
  summaryTex: gaussianSummary,
  inputs: [
    { name: 'mean', kind: 'tensor', label: 'mean', optional: true, doc: 'Leave empty for a zero-mean prior.' },
    { name: 'logvar', kind: 'tensor', label: 'log σ²', optional: true, doc: 'Per-dimension log-variance (an encoder output).' },
  ],
  outputs: [{ name: 'dist', kind: 'dist', label: 'p' }],
  params: gaussianParams,
  defaults: gaussianParams.parse({}),
  paramLimits: [{ param: 'dim', limit: 'distributionDim', what: 'the dimension of a distribution' }],
  fields: [
    { key: 'dim', label: 'Dimension (prior)', type: 'number', integer: true, min: 1, max: 4096, help: 'Used when no mean is connected.', unlessConnected: 'mean' },
    { key: 'scaleMode', label: 'Scale', type: 'select', options: [{ value: 'fixed', label: 'Fixed' }, { value: 'learned', label: 'Learned' }], unlessConnected: 'logvar' },
    { key: 'scale', label: 'σ (initial if learned)', type: 'number', min: 0.0001, step: 0.1, unlessConnected: 'logvar' },
  ],
  distribution: gaussianDistribution,
  infer({ params, inputs }): InferResult {
    const { mean, logvar } = inputs;
    if ((mean && mean.kind !== 'tensor') || (logvar && logvar.kind !== 'tensor')) return { outputs: {}, errors: ['The mean and log-variance inputs must be tensors.'] };
    if (logvar && !mean) return { outputs: {}, errors: ['A log-variance input needs a mean input too.'] };
    if (mean && logvar && logvar.kind === 'tensor' && mean.kind === 'tensor') {
      if (logvar.dim !== mean.dim) return { outputs: {}, errors: [`The log-variance has ${logvar.dim} dimensions but the mean has ${mean.dim}.`] };
      if (logvar.samples !== mean.samples) return { outputs: {}, errors: ['The mean and log-variance must carry the same number of samples.'] };
    }
    if (mean?.kind === 'tensor') return { outputs: { dist: { kind: 'dist', family: 'gaussian', samples: mean.samples, dim: mean.dim } }, errors: [] };
    return { outputs: { dist: { kind: 'dist', family: 'gaussian', samples: 1, dim: params.dim } }, errors: [] };
  },
};
