import * as tf from '@tensorflow/tfjs-core';

/** Glorot/Xavier uniform, seeded: the usual default for dense and linear layers. */
export function glorotUniform(shape: [number, number], seed: number): tf.Tensor2D {
  const limit = Math.sqrt(6 / (shape[0] + shape[1]));
  return tf.randomUniform(shape, -limit, limit, 'float32', seed);
}
