// The wasm Identity that shares data: a clone is the same bytes without a copy, outlives its
// source, frees the heap once both are gone, and stock tfjs (withStockKernels) still copies.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '#tf-gradients';
import { setNodeBackend } from '../cli/nodeBackend';
import { withStockKernels } from './tfjsKernels';

describe('Identity on wasm with the fast kernels', () => {
  beforeAll(async () => {
    expect(await setNodeBackend('wasm')).toBe(true);
  });

  it('shares the data of the tensor it clones, which outlives its source', () => {
    const before = tf.memory();
    const x = tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3]);
    const y = tf.clone(x);
    expect(y.dataId).toBe(x.dataId);
    expect(tf.memory().numDataBuffers).toBe(before.numDataBuffers + 1);
    const backendIds = tf.backend().numDataIds();
    x.dispose();
    expect(Array.from(y.dataSync())).toEqual([1, 2, 3, 4, 5, 6]);
    expect(tf.backend().numDataIds()).toBe(backendIds);
    y.dispose();
    expect(tf.memory().numTensors).toBe(before.numTensors);
    expect(tf.memory().numDataBuffers).toBe(before.numDataBuffers);
    expect(tf.backend().numDataIds()).toBe(backendIds - 1);
  });

  it('is copied, as stock tfjs does, while the stock kernels run', async () => {
    await withStockKernels(async () => {
      const x = tf.tensor1d([7, 8, 9]);
      const y = tf.clone(x);
      expect(y.dataId).not.toBe(x.dataId);
      x.dispose();
      expect(Array.from(y.dataSync())).toEqual([7, 8, 9]);
      y.dispose();
    });
  });

  it('leaves gradients through saved tensors as stock tfjs has them, and leaks nothing', async () => {
    const tensorsAt = tf.memory().numTensors;
    const idsAt = tf.backend().numDataIds();
    // A custom gradient saves its input (a clone) and reads it back in the backward pass.
    const square = tf.customGrad(((a: tf.Tensor, save: tf.GradSaveFunc) => {
      save([a]);
      return { value: tf.mul(a, a), gradFunc: (dy: tf.Tensor, [s]: tf.Tensor[]) => tf.mul(dy, tf.mul(s, 2)) };
    }) as unknown as Parameters<typeof tf.customGrad>[0]) as (a: tf.Tensor) => tf.Tensor;
    const gradient = () => tf.tidy(() => tf.grad((a: tf.Tensor) => tf.sum(square(tf.matMul(a as tf.Tensor2D, a as tf.Tensor2D))))(tf.tensor2d([0.5, -1, 2, 0.25], [2, 2])).arraySync());
    const shared = gradient();
    const copied = await withStockKernels(async () => gradient());
    expect(shared).toEqual(copied);
    // d/dA Σ (A·A)² = 2(A·A)·Aᵀ + Aᵀ·2(A·A), by hand for this A.
    expect(shared).toEqual([
      [4, -15.875],
      [9.625, 5.5625],
    ]);
    expect(tf.memory().numTensors).toBe(tensorsAt);
    expect(tf.backend().numDataIds()).toBe(idsAt);
  });
});
