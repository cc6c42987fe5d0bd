import * as tf from '@tensorflow/tfjs-core';
import type { DistValue, NodeBuilder } from '../runtime/types';
import { logMeanExp } from '../../math/logMeanExp';

export const buildIwaeLoss: NodeBuilder<Record<string, never>> = () => ({
  variables: [],
  output(_port, input) {
    const x = input('x') as tf.Tensor3D;
    const z = input('z') as tf.Tensor3D;
    const logW = tf.sub(
      tf.add((input('likelihood') as DistValue).logProb(x), (input('prior') as DistValue).logProb(z)),
      (input('proposal') as DistValue).logProb(z),
    );
    return tf.neg(logMeanExp(logW, 0));
  },
});
