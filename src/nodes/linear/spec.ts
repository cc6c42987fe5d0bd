import { z } from 'zod';
import type { InferResult, NodeSpec } from '../types';
import { inferLayer, widthOrData } from '../layerShape';
import { linearLayer } from './layers';
import { linearPyTorch } from './export';
import { linearSummary } from './summary';

export const linearParams = z.object({
  /** Output size, or 'data' for the width of the dataset (so a decoder fits any CSV). */
  units: widthOrData.default('data'),
  bias: z.boolean().default(true),
});
export type LinearParams = z.infer<typeof linearParams>;

export const linearSpec: NodeSpec<LinearParams> = {
  kind: 'linear',
  family: 'linear',
  pytorch: linearPyTorch,
  title: 'Linear',
  doc: 'An affine map W z + b applied to every sample. Output size "data" means the width of the dataset.',
  formula: 'y = W z + b',
  summaryTex: linearSummary,
  inputs: [{ name: 'in', kind: 'tensor', label: 'z' }],
  outputs: [{ name: 'out', kind: 'tensor', label: 'Wz+b' }],
  params: linearParams,
  defaults: linearParams.parse({}),
  paramLimits: [{ param: 'units', limit: 'layerWidth', what: 'a layer width' }],
  fields: [
    { key: 'units', label: 'Output size', type: 'dim-or-data', help: '"data" follows the dataset width.' },
    { key: 'bias', label: 'Bias b', type: 'boolean' },
  ],
  layer: linearLayer,
  infer({ params, inputs, ctx }): InferResult {
    if (!inputs.in) return { outputs: {}, errors: ['Connect an input z.'] };
    return inferLayer(inputs.in, params.units, ctx, {
      noInput: 'The input must be a tensor (use a Sampler to draw from a distribution).',
      noData: 'Output size "data" needs a data node with data.',
    });
  },
};
