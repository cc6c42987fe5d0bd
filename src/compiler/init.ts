import * as tf from '@tensorflow/tfjs-core';
import type { Initializer } from '../nodes/activations';

/** Glorot/Xavier uniform, seeded: the usual default for dense and linear layers. */
export function glorotUniform(shape: [number, number], seed: number): tf.Tensor2D {
  const limit = Math.sqrt(6 / (shape[0] + shape[1]));
  return tf.randomUniform(shape, -limit, limit, 'float32', seed);
}

export function initKernel(kind: Initializer, shape: [number, number], seed: number): tf.Tensor2D {
  if (kind === 'zeros') return tf.zeros(shape);
  if (kind === 'heNormal') return tf.truncatedNormal(shape, 0, Math.sqrt(2 / shape[0]), 'float32', seed);
  return glorotUniform(shape, seed);
}

/** A dense layer's variables, created once; tidy releases the initial values. */
export function denseVariables(name: string, inDim: number, outDim: number, init: Initializer, seed: number) {
  return tf.tidy(() => ({
    kernel: tf.variable(initKernel(init, [inDim, outDim], seed), true, `${name}/kernel`),
    bias: tf.variable(tf.zeros([outDim]), true, `${name}/bias`),
  }));
}

/** x [S, B, in] → [S, B, out], folding samples into the batch for a single product. */
export function applyDense(x: tf.Tensor3D, kernel: tf.Tensor2D, bias: tf.Tensor1D | undefined): tf.Tensor3D {
  const [S, B, D] = x.shape;
  const flat = tf.matMul(tf.reshape(x, [S * B, D]), kernel);
  return tf.reshape(bias ? tf.add(flat, bias) : flat, [S, B, kernel.shape[1]]);
}
