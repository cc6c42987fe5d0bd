import type { NodeBuilder } from '../runtime/types';
import type { DistValue } from '../runtime/types';
import type { SamplerParams } from './spec';

export const buildSampler: NodeBuilder<SamplerParams> = ({ params }) => ({
  variables: [],
  output(_port, input, step) {
    const d = input('dist') as DistValue;
    return params.mode === 'mean' ? d.mean(step.batch) : d.sample(params.samples, step.batch, step.nextNoise());
  },
});
