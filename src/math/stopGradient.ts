import * as tf from '@tensorflow/tfjs-core';

/**
 * The value of `x` with no gradient flowing back through it. tfjs has no stop-gradient op;
 * a custom gradient of zero is one, and keeps the value on the device (no read-back).
 */
export const stopGradient = tf.customGrad(((x: tf.Tensor) => ({
  value: tf.clone(x),
  gradFunc: (dy: tf.Tensor) => [tf.zerosLike(dy)],
})) as unknown as Parameters<typeof tf.customGrad>[0]) as <T extends tf.Tensor>(x: T) => T;
