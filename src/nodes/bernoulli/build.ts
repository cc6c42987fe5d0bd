import * as tf from '@tensorflow/tfjs-core';
import type { DistValue, NodeBuilder } from '../runtime/types';
import type { BernoulliParams } from './spec';
import { fusedOpsReady } from '../../kernels/tfjsKernels';
import { bernoulliLogProb } from '../../kernels/ops';
import { stopGradient } from '../../math/stopGradient';

function bernoulliValue(logits: tf.Tensor3D): DistValue {
  const [S, , D] = logits.shape;
  return {
    family: 'bernoulli',
    dim: D,
    // Discrete draws carry no gradient; the lecture's estimators only sample latents.
    reparameterised: false,
    logProb: (x) =>
      fusedOpsReady() && x.rank === 3 && (x.shape[0] === 1 || x.shape[0] === S) && x.shape[1] === logits.shape[1] && x.shape[2] === D
        ? bernoulliLogProb(x as tf.Tensor3D, logits)
        : (tf.sum(tf.sub(tf.mul(x, logits), tf.softplus(logits)), -1) as tf.Tensor2D),
    sample: (J, batch, noise) => {
      // J > 1 only when S = 1 (the sampler's shape rule): the probabilities broadcast.
      return tf.cast(tf.less(noise.uniform([S * J, batch, D]), tf.sigmoid(logits)), 'float32') as tf.Tensor3D;
    },
    mean: () => tf.sigmoid(logits) as tf.Tensor3D,
    heldFixed: () => bernoulliValue(stopGradient(logits)),
  };
}

export const buildBernoulli: NodeBuilder<BernoulliParams> = () => ({
  variables: [],
  output(_port, input): DistValue {
    return bernoulliValue(input('logits') as tf.Tensor3D);
  },
});
