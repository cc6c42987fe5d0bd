import * as tf from '@tensorflow/tfjs-core';

/**
 * log(mean(exp(a))) along `axis` (the axis is removed).
 *
 * Importance-weighted bounds average likelihood ratios whose logs are in the
 * hundreds or thousands of nats; exp() of those overflows float32, so the max
 * is factored out first (tf.logSumExp does exactly that). Its gradient is the
 * softmax of `a`, which is what the IWAE estimator needs.
 */
export function logMeanExp(a: tf.Tensor, axis: number): tf.Tensor {
  return tf.tidy(() => {
    const ax = axis < 0 ? a.rank + axis : axis;
    const n = a.shape[ax];
    return tf.sub(tf.logSumExp(a, ax), Math.log(n));
  });
}
