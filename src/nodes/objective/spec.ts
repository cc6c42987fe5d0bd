import { z } from 'zod';
import type { InferResult, NodeSpec } from '../types';
import { objectiveEstimator } from './estimator';
import { objectivePyTorch } from './export';

export const OBJECTIVE_SCOPES = ['all', 'encoder', 'decoder'] as const;
export type ObjectiveScope = (typeof OBJECTIVE_SCOPES)[number];

export const objectiveParams = z.object({
  /** Which parameters this objective trains; the gradients of a graph's objectives add. */
  scope: z.enum(OBJECTIVE_SCOPES).default('all'),
  /** The estimate that charts, runs and the CLI report (one per graph). */
  reported: z.boolean().default(true),
});
export type ObjectiveParams = z.infer<typeof objectiveParams>;

export const objectiveSpec: NodeSpec<ObjectiveParams> = {
  kind: 'objective',
  family: 'loss',
  pytorch: objectivePyTorch,
  title: 'Objective',
  doc: 'What training minimises: the negated mean of a per-example term over the batch, in nats per example. It may train only the encoder (the parameters upstream of q(z|x)) or only the rest (the decoder and the prior); a graph may hold several objectives, whose gradients add — DReG and reweighted wake-sleep send one surrogate to the encoder and another to the decoder. One objective is the estimate that charts and runs report.',
  formula: '\\mathcal{L} = -\\frac1B \\sum_{n=1}^{B} t_n',
  inputs: [{ name: 'term', kind: 'term', label: 't', doc: 'One number per example: reduce over samples first.' }],
  outputs: [{ name: 'loss', kind: 'objective', label: 'loss' }],
  params: objectiveParams,
  defaults: objectiveParams.parse({}),
  fields: [
    {
      key: 'scope',
      label: 'Trains',
      type: 'select',
      options: [
        { value: 'all', label: 'All parameters' },
        { value: 'encoder', label: 'The encoder (upstream of q)' },
        { value: 'decoder', label: 'The rest (decoder, prior)' },
      ],
    },
    { key: 'reported', label: 'Reported (charts, runs)', type: 'boolean' },
  ],
  estimator: objectiveEstimator,
  objective: { scope: (p) => (OBJECTIVE_SCOPES as readonly unknown[]).includes(p.scope) ? (p.scope as ObjectiveScope) : 'all', reported: (p) => p.reported !== false },
  infer({ inputs }): InferResult {
    const t = inputs.term;
    if (t?.kind !== 'term') return { outputs: {}, errors: [] };
    if (t.samples > 1) {
      return { outputs: {}, errors: [`This term still has ${t.samples} samples per example: reduce over samples first (log-mean-exp for importance sampling, mean for the ELBO).`] };
    }
    return { outputs: { loss: { kind: 'objective' } }, errors: [] };
  },
};
