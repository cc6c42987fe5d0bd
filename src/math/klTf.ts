import * as tf from '@tensorflow/tfjs-core';

interface GaussianParams {
  mean: tf.Tensor;
  logVar: tf.Tensor;
  zeroMean: boolean;
}

/**
 * KL(N(μ, diag s²) ‖ N(m, diag t²)) summed over the last axis, in nats. With the prior
 * N(0, ν²I) this is ½ Σ [(s² + μ²)/ν² − 1 − log s² + log ν²].
 */
export function gaussianKl(q: GaussianParams, p: GaussianParams): tf.Tensor {
  return tf.tidy(() => {
    const diff2 = p.zeroMean ? tf.square(q.mean) : tf.square(tf.sub(q.mean, p.mean));
    const ratio = tf.mul(tf.add(tf.exp(q.logVar), diff2), tf.exp(tf.neg(p.logVar)));
    const perDim = tf.mul(0.5, tf.sub(tf.add(tf.sub(ratio, 1), p.logVar), q.logVar));
    // Broadcast to the mean's shape before reducing, so a scalar log-variance counts once per dimension.
    return tf.sum(tf.add(perDim, tf.zerosLike(q.mean)), -1);
  });
}
