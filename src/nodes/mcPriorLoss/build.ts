import * as tf from '@tensorflow/tfjs-core';
import type { DistValue, NodeBuilder } from '../runtime/types';
import { logMeanExp } from '../../math/logMeanExp';

export const buildMcPriorLoss: NodeBuilder<Record<string, never>> = () => ({
  variables: [],
  output(_port, input) {
    const logLik = (input('likelihood') as DistValue).logProb(input('x') as tf.Tensor3D);
    return tf.neg(logMeanExp(logLik, 0));
  },
});
