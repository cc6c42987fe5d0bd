import { z } from 'zod';
import type { InferResult, NodeSpec } from '../types';
import { inferLayer, widthOrData } from '../layerShape';
import { activationOptions, activationSchema, initializerOptions, initializerSchema } from '../activations';
import { denseLayer } from './layers';
import { densePyTorch } from './export';
import { denseSummary } from './summary';

export const denseParams = z.object({
  units: widthOrData.default(64),
  activation: activationSchema.default('relu'),
  initializer: initializerSchema.default('glorotUniform'),
});
export type DenseParams = z.infer<typeof denseParams>;

export const denseSpec: NodeSpec<DenseParams> = {
  kind: 'dense',
  family: 'network',
  pytorch: densePyTorch,
  title: 'Dense layer',
  doc: 'A fully connected layer with an activation, applied to every sample: [S, B, D] → [S, B, units]. Units "data" means the width of the dataset.',
  formula: 'y = \\phi(W z + b)',
  summaryTex: denseSummary,
  inputs: [{ name: 'in', kind: 'tensor', label: 'in' }],
  outputs: [{ name: 'out', kind: 'tensor', label: 'out' }],
  params: denseParams,
  defaults: denseParams.parse({}),
  paramLimits: [{ param: 'units', limit: 'layerWidth', what: 'a layer width' }],
  fields: [
    { key: 'units', label: 'Units', type: 'dim-or-data' },
    { key: 'activation', label: 'Activation', type: 'select', options: activationOptions },
    { key: 'initializer', label: 'Initialiser', type: 'select', options: initializerOptions },
  ],
  layer: denseLayer,
  infer: ({ params, inputs, ctx }): InferResult =>
    inferLayer(inputs.in, params.units, ctx, { noInput: 'Connect a tensor input.', noData: 'Units "data" needs a data node with data.' }),
};
