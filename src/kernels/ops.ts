// The kernels as ops. Call only when fusedOpsReady(): the kernels exist on wasm and cpu (the
// WebAssembly pool) and, once registered by the browser worker, on webgpu (src/kernels/webgpu).
import * as tf from '@tensorflow/tfjs-core';
import { BERNOULLI_GRAD, BERNOULLI_LOG_PROB, DENSE_BACKWARD, GEMM, type GemmAttrs } from './tfjsKernels';

export interface GemmOptions {
  transposeA?: boolean;
  transposeB?: boolean;
  /** Added to every row of the product. */
  bias?: tf.Tensor1D;
  /** max(0, ·) after the bias. */
  relu?: boolean;
}

/** op(a)·op(b) [+ bias] [then relu], op = transpose when asked; no gradient of its own. */
export function gemm(a: tf.Tensor2D, b: tf.Tensor2D, o: GemmOptions = {}): tf.Tensor2D {
  const attrs: GemmAttrs = { transposeA: !!o.transposeA, transposeB: !!o.transposeB, relu: !!o.relu };
  const inputs: tf.NamedTensorMap = o.bias ? { a, b, bias: o.bias } : { a, b };
  return tf.engine().runKernel(GEMM, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor2D;
}

/**
 * log Bernoulli(x | σ(ℓ)) summed over the last axis: Σ x·ℓ − softplus(ℓ), as one pass each way
 * (tfjs: five kernels forward, more backward, and a scalar log/exp per element in softplus).
 * logits [S, B, D]; x [S, B, D] or [1, B, D] (the data, shared by every sample). → [S, B]
 */
export const bernoulliLogProb = tf.customGrad(((x: tf.Tensor3D, logits: tf.Tensor3D, save: tf.GradSaveFunc) => {
  save([x, logits]);
  return {
    value: tf.engine().runKernel(BERNOULLI_LOG_PROB, { x, logits }) as tf.Tensor2D,
    gradFunc: (dy: tf.Tensor, [xs, ls]: tf.Tensor[]) => {
      const [dLogits, dx] = tf.engine().runKernel(BERNOULLI_GRAD, { x: xs, logits: ls, dy }) as tf.Tensor[];
      return [dx, dLogits];
    },
  };
}) as unknown as Parameters<typeof tf.customGrad>[0]) as (x: tf.Tensor3D, logits: tf.Tensor3D) => tf.Tensor2D;

/**
 * The first part of a dense layer's backward pass for an upstream gradient dy [M, N]:
 * dz = dy · relu′ (relu′ read off the layer's output y: y > 0) when `reluOutput` is given,
 * else dz = dy; and the bias gradient db = Σ_rows dz.
 */
export function denseBackward(dy: tf.Tensor2D, reluOutput?: tf.Tensor2D): { dz: tf.Tensor2D; db: tf.Tensor1D } {
  if (!reluOutput) {
    const [db] = tf.engine().runKernel(DENSE_BACKWARD, { dy }) as tf.Tensor[];
    return { dz: dy, db: db as tf.Tensor1D };
  }
  const [dz, db] = tf.engine().runKernel(DENSE_BACKWARD, { dy, y: reluOutput }) as tf.Tensor[];
  return { dz: dz as tf.Tensor2D, db: db as tf.Tensor1D };
}
