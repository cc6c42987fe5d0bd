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

/**
 * x·K with its own gradient. tfjs differentiates matMul into products with a transposed
 * operand (dy·Kᵀ, xᵀ·dy), which its wasm and cpu kernels run an order of magnitude slower
 * than plain products; an explicit transpose (a cheap copy) keeps all three on the fast path.
 */
function makeMatMul(inputNeedsGrad: boolean) {
  const f = (x: tf.Tensor, k: tf.Tensor, save: tf.GradSaveFunc) => {
    save([x, k]);
    return {
      value: tf.matMul(x as tf.Tensor2D, k as tf.Tensor2D),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, ks] = saved as tf.Tensor2D[];
        // A layer reading the data needs no gradient for its input: skip that product.
        const dx = inputNeedsGrad ? tf.matMul(dy as tf.Tensor2D, tf.transpose(ks)) : tf.zerosLike(xs);
        return [dx, tf.matMul(tf.transpose(xs), dy as tf.Tensor2D)];
      },
    };
  };
  return tf.customGrad(f as unknown as Parameters<typeof tf.customGrad>[0]) as (x: tf.Tensor2D, k: tf.Tensor2D) => tf.Tensor2D;
}
const matMulTrainable = makeMatMul(true);
const matMulOnData = makeMatMul(false);

/**
 * x [S, B, in] → [S, B, out], folding samples into the batch for a single product.
 * `inputIsData`: x is observed data, so no gradient flows back through it.
 */
export function applyDense(x: tf.Tensor3D, kernel: tf.Tensor2D, bias: tf.Tensor1D | undefined, inputIsData = false): tf.Tensor3D {
  const [S, B, D] = x.shape;
  const flat = (inputIsData ? matMulOnData : matMulTrainable)(tf.reshape(x, [S * B, D]) as tf.Tensor2D, kernel);
  return tf.reshape(bias ? tf.add(flat, bias) : flat, [S, B, kernel.shape[1]]);
}
