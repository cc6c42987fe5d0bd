import type * as tf from '@tensorflow/tfjs-core';
import type { NodeBuilder } from '../runtime/types';
import { stopGradient } from '../../math/stopGradient';

export const buildStopGradient: NodeBuilder<Record<string, never>> = () => ({
  variables: [],
  output(_port, input) {
    return stopGradient(input('in') as tf.Tensor);
  },
});
