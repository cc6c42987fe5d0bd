import { z } from 'zod';
import type { InferResult, NodeSpec } from '../types';
import { inferLayer, layerWidth, widthOrData } from '../layerShape';
import { activationOptions, activationSchema, initializerOptions, initializerSchema } from '../activations';
import { mlpLayer } from './layers';
import { mlpPyTorch } from './export';
import { mlpSummary } from './summary';

export const mlpParams = z.object({
  hidden: z.array(layerWidth).max(16, 'at most 16 hidden layers').default([400]),
  activation: activationSchema.default('relu'),
  outputs: widthOrData.default(20),
  outputActivation: activationSchema.default('linear'),
  initializer: initializerSchema.default('glorotUniform'),
});
export type MlpParams = z.infer<typeof mlpParams>;

export const mlpSpec: NodeSpec<MlpParams> = {
  kind: 'mlp',
  family: 'network',
  pytorch: mlpPyTorch,
  title: 'MLP',
  doc: 'A multilayer perceptron: hidden dense layers with one activation, then an output layer (linear by default), applied to every sample. Output size "data" means the width of the dataset — a decoder.',
  formula: 'f(z) = W_L\\,\\phi(\\cdots \\phi(W_1 z + b_1) \\cdots) + b_L',
  summaryTex: mlpSummary,
  inputs: [{ name: 'in', kind: 'tensor', label: 'in' }],
  outputs: [{ name: 'out', kind: 'tensor', label: 'out' }],
  params: mlpParams,
  defaults: mlpParams.parse({}),
  paramLimits: [
    { param: 'hidden[]', limit: 'layerWidth', what: 'a layer width' },
    { param: 'hidden', limit: 'hiddenLayers', what: 'the number of hidden layers' },
    { param: 'outputs', limit: 'layerWidth', what: 'a layer width' },
  ],
  fields: [
    { key: 'hidden', label: 'Hidden sizes', type: 'int-list', help: 'e.g. 400 or 512, 256; empty for none' },
    { key: 'activation', label: 'Activation', type: 'select', options: activationOptions },
    { key: 'outputs', label: 'Output size', type: 'dim-or-data' },
    { key: 'outputActivation', label: 'Output activation', type: 'select', options: activationOptions },
    { key: 'initializer', label: 'Initialiser', type: 'select', options: initializerOptions },
  ],
  hiddenWidths: (p) => p.hidden,
  layer: mlpLayer,
  infer: ({ params, inputs, ctx }): InferResult =>
    inferLayer(inputs.in, params.outputs, ctx, { noInput: 'Connect a tensor input.', noData: 'Output size "data" needs a data node with data.' }),
};
