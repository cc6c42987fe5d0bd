import * as tf from '@tensorflow/tfjs-core';

const LOG_2PI = Math.log(2 * Math.PI);

/**
 * log N(x | mean, σ² I), summed over the last axis.
 *
 * Written element-wise then summed, so that x and mean broadcast freely
 * (x [1,B,D] against samples [S,B,D]) and logSigma2 may be a scalar or any
 * tensor that broadcasts against x - mean (e.g. [S,B,1]). Taking log σ²
 * rather than σ² keeps the variance positive without a constraint.
 */
export function isoGaussianLogProb(
  x: tf.Tensor,
  mean: tf.Tensor,
  logSigma2: tf.Scalar | tf.Tensor,
): tf.Tensor {
  return diagGaussianLogProb(x, mean, logSigma2);
}

/**
 * log N(x | mean, diag(exp(logvar))), summed over the last axis:
 * -½ Σ (log 2π + v + (x-m)² e^{-v}).
 */
export function diagGaussianLogProb(x: tf.Tensor, mean: tf.Tensor, logvar: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const diff = tf.sub(x, mean);
    const perElement = tf.add(tf.add(logvar, LOG_2PI), tf.mul(tf.square(diff), tf.exp(tf.neg(logvar))));
    // Reduce over the last axis of the broadcast result, not of x: logvar may
    // carry the larger rank.
    return tf.mul(tf.sum(perElement, -1), -0.5);
  });
}
