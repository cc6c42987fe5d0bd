import * as tf from '@tensorflow/tfjs-core';
import type { NodeBuilder } from '../runtime/types';
import { logMeanExp } from '../../math/logMeanExp';
import type { ReduceSamplesParams } from './spec';

export const buildReduceSamples: NodeBuilder<ReduceSamplesParams> = ({ params }) => ({
  variables: [],
  output(_port, input) {
    const t = input('term') as tf.Tensor2D;
    if (params.op === 'mean') return tf.mean(t, 0, true);
    if (params.op === 'logMeanExp') return tf.expandDims(logMeanExp(t, 0), 0);
    return tf.sum(tf.mul(input('weights') as tf.Tensor2D, t), 0, true);
  },
});
