import { z } from 'zod';
import type { InferResult, NodeSpec } from '../types';
import { activationOptions, activationSchema, initializerOptions, initializerSchema } from '../activations';

export const denseParams = z.object({
  units: z.union([z.number().int().min(1).max(8192), z.literal('data')]).default(64),
  activation: activationSchema.default('relu'),
  initializer: initializerSchema.default('glorotUniform'),
});
export type DenseParams = z.infer<typeof denseParams>;

export const denseSpec: NodeSpec<DenseParams> = {
  kind: 'dense',
  family: 'network',
  title: 'Dense layer',
  doc: 'A fully connected layer with an activation, applied to every sample: [S, B, D] → [S, B, units]. Units "data" means the width of the dataset.',
  formula: 'y = \\phi(W z + b)',
  inputs: [{ name: 'in', kind: 'tensor', label: 'in' }],
  outputs: [{ name: 'out', kind: 'tensor', label: 'out' }],
  params: denseParams,
  defaults: denseParams.parse({}),
  fields: [
    { key: 'units', label: 'Units', type: 'dim-or-data' },
    { key: 'activation', label: 'Activation', type: 'select', options: activationOptions },
    { key: 'initializer', label: 'Initialiser', type: 'select', options: initializerOptions },
  ],
  infer({ params, inputs, ctx }): InferResult {
    const x = inputs.in;
    if (!x || x.kind !== 'tensor') return { outputs: {}, errors: ['Connect a tensor input.'] };
    const units = params.units === 'data' ? ctx.dataDim : params.units;
    if (units === undefined) return { outputs: {}, errors: ['Units "data" needs a data node with data.'] };
    return { outputs: { out: { kind: 'tensor', samples: x.samples, dim: units } }, errors: [] };
  },
};
