// Adam split between the pool's threads must give the very bits of the one-thread kernel
// (it is element-wise, cut on whole SIMD groups), step after step, with the moments of
// several variables kept apart and jobs of the other cut (a product) in between.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { compileKernels } from './wasmKernels';
import { type AdamParams, KernelPool, THREADED_MIN_ADAM } from './kernelPool';

const SIZES = [1, 1031, THREADED_MIN_ADAM - 1, THREADED_MIN_ADAM, THREADED_MIN_ADAM + 3, 400 * 784 + 1, 400 * 784];
const STEPS = 4;
const [lr, beta1, beta2, epsilon] = [0.01, 0.9, 0.999, 1e-7];

function rng(seed: number) {
  return () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
}

/** This step's bias corrections as tfjs keeps them: βᵗ a float32 multiplied by β each step. */
function params(step: number): AdamParams {
  let p1 = 1, p2 = 1;
  for (let t = 0; t <= step; t++) [p1, p2] = [Math.fround(p1 * Math.fround(beta1)), Math.fround(p2 * Math.fround(beta2))];
  return { learningRate: lr, beta1, beta2, epsilon, correction1: Math.fround(1 - p1), correction2: Math.fround(1 - p2) };
}

/** Index of the first element whose bits differ, or −1. */
function firstDifference(a: Float32Array, b: Float32Array): number {
  const [x, y] = [new Uint32Array(a.buffer, a.byteOffset, a.length), new Uint32Array(b.buffer, b.byteOffset, b.length)];
  if (x.length !== y.length) return 0;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return i;
  return -1;
}

describe('KernelPool.adam on threads', () => {
  let single: KernelPool;
  let threaded: KernelPool;
  beforeAll(async () => {
    const module = await compileKernels();
    [single, threaded] = await Promise.all([KernelPool.create(module, 1), KernelPool.create(module, 2)]);
    await tf.setBackend('cpu');
  });
  afterAll(() => {
    single.dispose();
    threaded.dispose();
  });

  it('gives the one-thread kernel’s bits on ragged sizes over several steps, and tf.train.adam’s update', () => {
    expect(threaded.threadCount).toBe(2);
    const r = rng(11);
    const w0 = SIZES.map((n) => Float32Array.from({ length: n }, r));
    const grads = SIZES.map((n) => Array.from({ length: STEPS }, (_, t) => Float32Array.from({ length: n }, () => r() * (t + 1))));
    const mSingle = SIZES.map((n) => single.holdMoments(n));
    const mThreaded = SIZES.map((n) => threaded.holdMoments(n));
    const wSingle = w0.map((w) => w.slice());
    const wThreaded = w0.map((w) => w.slice());
    const [M, N, K] = [64, 96, 100];
    const a = Float32Array.from({ length: M * K }, r);
    const b = Float32Array.from({ length: K * N }, r);
    for (let t = 0; t < STEPS; t++) {
      SIZES.forEach((n, i) => {
        const [outSingle, outThreaded] = [new Float32Array(n).fill(NaN), new Float32Array(n).fill(NaN)];
        single.adam(mSingle[i], wSingle[i], grads[i][t], outSingle, params(t));
        threaded.adam(mThreaded[i], wThreaded[i], grads[i][t], outThreaded, params(t));
        expect(firstDifference(outThreaded, outSingle), `n = ${n}, step ${t}`).toBe(-1);
        [wSingle[i], wThreaded[i]] = [outSingle, outThreaded];
      });
      // A threaded product (cut into tiles) between the Adam jobs (cut into ranges).
      const [cSingle, cThreaded] = [new Float32Array(M * N), new Float32Array(M * N)];
      single.gemm({ M, N, K, a, transA: false, b, transB: t % 2 === 1 }, cSingle);
      threaded.gemm({ M, N, K, a, transA: false, b, transB: t % 2 === 1 }, cThreaded);
      for (let i = 0; i < M * N; i++) expect(Math.abs(cThreaded[i] - cSingle[i])).toBeLessThan(1e-4);
    }
    SIZES.forEach((n, i) => {
      const name = `pool_adam_${n}`;
      const variable = tf.variable(tf.tensor1d(w0[i]), true, name);
      const opt = tf.train.adam(lr, beta1, beta2, epsilon);
      for (const g of grads[i]) tf.tidy(() => opt.applyGradients([{ name, tensor: tf.tensor1d(g) }]));
      const want = variable.dataSync() as Float32Array;
      opt.dispose();
      variable.dispose();
      let worst = 0;
      for (let j = 0; j < n; j++) worst = Math.max(worst, Math.abs(wThreaded[i][j] - want[j]) - 1e-6 * Math.abs(want[j]));
      expect(worst, `n = ${n}`).toBeLessThanOrEqual(1e-9);
    });
    mSingle.forEach((m) => single.releaseMoments(m));
    mThreaded.forEach((m) => threaded.releaseMoments(m));
  });
});
