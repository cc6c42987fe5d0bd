import { z } from 'zod';
import type { InferResult, NodeSpec } from '../types';
import { termShape } from '../termShapes';
import { sampleWeightsTex } from './tex';
import { sampleWeightsPyTorch } from './export';

export const sampleWeightsParams = z.object({
  /** w̃_j or w̃_j²: DReG's encoder surrogate weighs by the squares. */
  power: z.enum(['normalised', 'squared']).default('normalised'),
  /** Held fixed (no gradient through the weights), as the surrogates that use them need. */
  holdFixed: z.boolean().default(true),
});
export type SampleWeightsParams = z.infer<typeof sampleWeightsParams>;

export const sampleWeightsSpec: NodeSpec<SampleWeightsParams> = {
  kind: 'sampleWeights',
  family: 'part',
  pytorch: sampleWeightsPyTorch,
  title: 'Sample weights',
  doc: 'Self-normalised importance weights w̃_j = softmax_j(log w_j) over the J samples of each example (or their squares, for DReG\'s encoder). Held fixed by default: the surrogates that use them (DReG, reweighted wake-sleep) treat them as constants.',
  formula: '\\tilde w_j = \\frac{w_j}{\\sum_{k} w_k} = \\operatorname{softmax}_j(\\log w_j)',
  inputs: [{ name: 'logWeights', kind: 'term', label: 'log w' }],
  outputs: [{ name: 'weights', kind: 'term', label: 'w̃' }],
  params: sampleWeightsParams,
  defaults: sampleWeightsParams.parse({}),
  fields: [
    { key: 'power', label: 'Weights', type: 'select', options: [{ value: 'normalised', label: 'w̃ (self-normalised)' }, { value: 'squared', label: 'w̃² (DReG encoder)' }] },
    { key: 'holdFixed', label: 'Hold fixed (stop gradient)', type: 'boolean' },
  ],
  partTex: sampleWeightsTex,
  infer({ inputs }): InferResult {
    const lw = inputs.logWeights;
    if (lw?.kind !== 'term') return { outputs: {}, errors: [] };
    return { outputs: { weights: termShape(lw.samples) }, errors: [] };
  },
};
