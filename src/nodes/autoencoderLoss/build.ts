import * as tf from '@tensorflow/tfjs-core';
import type { DistValue, NodeBuilder } from '../runtime/types';

export const buildAutoencoderLoss: NodeBuilder<Record<string, never>> = () => ({
  variables: [],
  output(_port, input) {
    const x = input('x') as tf.Tensor3D;
    const z = input('z') as tf.Tensor3D;
    const rec = (input('likelihood') as DistValue).logProb(x);
    const prior = (input('prior') as DistValue).logProb(z);
    return tf.neg(tf.mean(tf.add(rec, prior), 0));
  },
});
