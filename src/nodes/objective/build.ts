import * as tf from '@tensorflow/tfjs-core';
import type { NodeBuilder } from '../runtime/types';
import type { ObjectiveParams } from './spec';

/** The per-example loss [B]: the term negated (the batch mean is the trainer's). */
export const buildObjective: NodeBuilder<ObjectiveParams> = () => ({
  variables: [],
  output(_port, input, step) {
    return tf.neg(tf.reshape(input('term') as tf.Tensor, [step.batch]));
  },
});
