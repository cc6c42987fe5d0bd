import type * as tf from '@tensorflow/tfjs-core';
import type { DistValue, NodeBuilder } from '../runtime/types';

export const buildLogDensity: NodeBuilder<Record<string, never>> = () => ({
  variables: [],
  output(_port, input) {
    return (input('dist') as DistValue).logProb(input('value') as tf.Tensor3D);
  },
});
