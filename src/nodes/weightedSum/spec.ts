import { z } from 'zod';
import type { InferResult, NodeSpec, PortSpec } from '../types';
import { TERM_OUT, broadcastSamples, termShape } from '../termShapes';
import { weightedSumTex } from './tex';
import { weightedSumPyTorch } from './export';

/** The summed inputs, in order; each has its coefficient `w<name>`. */
export const SUM_SLOTS = ['a', 'b', 'c', 'd'] as const;
export type SumSlot = (typeof SUM_SLOTS)[number];

const coefficient = z.number().refine(Number.isFinite, 'must be a finite number').min(-1e6).max(1e6);

export const weightedSumParams = z.object({
  wa: coefficient.default(1),
  wb: coefficient.default(1),
  wc: coefficient.default(1),
  wd: coefficient.default(1),
  /** A linear warm-up of one coefficient from 0 (the KL's, for a β-VAE that starts as an autoencoder). */
  warmUp: z.enum(['none', 'linear']).default('none'),
  warmUpOn: z.enum(SUM_SLOTS).default('b'),
  warmUpUnit: z.enum(['steps', 'epochs']).default('epochs'),
  warmUpLength: z.number().int().min(1).max(1e7).default(10),
});
export type WeightedSumParams = z.infer<typeof weightedSumParams>;

const slotPort = (s: SumSlot, i: number): PortSpec => ({ name: s, kind: 'term', label: s, optional: i > 0, doc: `A term, multiplied by the coefficient w${s}.` });
const warming = (p: Record<string, unknown>) => p.warmUp === 'linear';

export const weightedSumSpec: NodeSpec<WeightedSumParams> = {
  kind: 'weightedSum',
  family: 'part',
  pytorch: weightedSumPyTorch,
  title: 'Weighted sum',
  doc: 'Σ_k w_k t_k over the connected terms, per sample and example: +log p(x|z) + log p(z) − log q(z|x) is the log importance weight, and a β on a KL makes a β-VAE. One coefficient may warm up linearly from 0 over N steps or epochs.',
  formula: '\\sum_k w_k\\, t_k',
  inputs: SUM_SLOTS.map(slotPort),
  outputs: TERM_OUT,
  params: weightedSumParams,
  defaults: weightedSumParams.parse({}),
  fields: [
    ...SUM_SLOTS.map((s) => ({ key: `w${s}`, label: `w${s}`, type: 'number' as const, step: 0.1, help: `The coefficient of input ${s}.` })),
    { key: 'warmUp', label: 'Warm-up', type: 'select', options: [{ value: 'none', label: 'None' }, { value: 'linear', label: 'Linear from 0' }] },
    { key: 'warmUpOn', label: 'Warm up coefficient', type: 'select', options: SUM_SLOTS.map((s) => ({ value: s, label: `w${s}` })), showIf: warming },
    { key: 'warmUpLength', label: 'Over', type: 'number', integer: true, min: 1, showIf: warming },
    { key: 'warmUpUnit', label: 'Unit', type: 'select', options: [{ value: 'epochs', label: 'epochs' }, { value: 'steps', label: 'steps' }], showIf: warming },
  ],
  partTex: weightedSumTex,
  sum: {
    terms: SUM_SLOTS.map((s) => ({ port: s, coefficient: `w${s}` })),
    warmingUp: (p) => (p.warmUp === 'linear' ? String(p.warmUpOn ?? 'b') : undefined),
    warmUpOnParam: 'warmUpOn',
  },
  infer({ params, inputs }): InferResult {
    if (params.warmUp === 'linear' && !inputs[params.warmUpOn]) {
      return { outputs: {}, errors: [`The warm-up is on w${params.warmUpOn}, but input ${params.warmUpOn} is not connected.`] };
    }
    const s = broadcastSamples(SUM_SLOTS.map((k) => [`input ${k}`, inputs[k]]));
    if ('error' in s) return { outputs: {}, errors: [s.error] };
    return { outputs: { term: termShape(s.samples) }, errors: [] };
  },
};
