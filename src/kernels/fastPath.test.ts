// This project's kernels as tfjs ops, against plain tfjs, on both backends they serve, with
// the thread pool running (products big enough to be split between threads, and small ones
// that are not). The whole VAE (loss and gradients) is checked in src/bench/stockVae.test.ts.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '#tf-gradients';
import { setNodeBackend } from '../cli/nodeBackend';
import { kernelsReady, kernelThreads } from './tfjsKernels';
import { bernoulliLogProb, denseBackward, gemm } from './ops';
import { compareAdam } from '../bench/compareAdam';

const relErr = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.norm(tf.sub(a, b)).dataSync()[0] / Math.max(1e-12, tf.norm(b).dataSync()[0]));

describe.each(['wasm', 'cpu'] as const)('fast kernels on %s', (backend) => {
  beforeAll(async () => {
    expect(await setNodeBackend(backend)).toBe(true);
  });

  it('are in use, on more than one thread when the machine has more than one core', () => {
    expect(kernelsReady()).toBe(true);
    expect(kernelThreads()).toBeGreaterThanOrEqual(Math.min(2, (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 2));
  });

  const shapes: [number, number, number][] = [
    [128, 400, 784], // threaded
    [784, 400, 128], // threaded, split along rows
    [128, 40, 400], // one thread
    [3, 5, 7], // smaller than a tile
    [129, 17, 33], // ragged edges
  ];
  for (const [M, N, K] of shapes) {
    for (const [ta, tb] of [
      [false, false],
      [true, false],
      [false, true],
      [true, true],
    ]) {
      it(`op(A)·op(B) + bias, relu, M=${M} N=${N} K=${K}${ta ? ' Aᵀ' : ''}${tb ? ' Bᵀ' : ''}`, () => {
        const before = tf.memory().numTensors;
        tf.tidy(() => {
          const a = tf.randomNormal(ta ? [K, M] : [M, K], 0, 1, 'float32', M + N) as tf.Tensor2D;
          const b = tf.randomNormal(tb ? [N, K] : [K, N], 0, 1, 'float32', K) as tf.Tensor2D;
          const bias = tf.randomNormal([N], 0, 1, 'float32', 3) as tf.Tensor1D;
          const plain = tf.matMul(a, b, ta, tb);
          expect(relErr(gemm(a, b, { transposeA: ta, transposeB: tb }), plain)).toBeLessThan(1e-5);
          expect(relErr(gemm(a, b, { transposeA: ta, transposeB: tb, bias, relu: true }), tf.relu(tf.add(plain, bias)))).toBeLessThan(1e-5);
        });
        expect(tf.memory().numTensors).toBe(before);
      });
    }
  }

  it('trains with Adam in one kernel per variable, step for step like tf.train.adam (1e-4 relative), leaking nothing', async () => {
    const c = await compareAdam();
    expect(c.optimizer).toBe('FusedAdam');
    for (const e of c.updateRelErr) expect(e).toBeLessThan(1e-4);
    for (const m of c.moved) expect(m).toBeGreaterThan(1e-3);
    expect(c.leakedPerStep).toBe(0);
  });
});

describe.each(['wasm', 'cpu'] as const)('the Bernoulli log-likelihood kernel on %s', (backend) => {
  beforeAll(async () => {
    expect(await setNodeBackend(backend)).toBe(true);
  });

  it.each([
    [1, 1],
    [4, 1],
    [4, 4],
  ])('equals tfjs ops and their autodiff (S=%i samples, x with %i), 1e-5 relative', (S, Sx) => {
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const logits = tf.mul(tf.randomNormal([S, 6, 787], 0, 1, 'float32', 4), 6) as tf.Tensor3D;
      const x = tf.cast(tf.greater(tf.randomUniform([Sx, 6, 787], 0, 1, 'float32', 5), 0.5), 'float32') as tf.Tensor3D;
      const w = tf.randomNormal([S, 6], 0, 1, 'float32', 6);
      const plain = (xx: tf.Tensor, l: tf.Tensor) => tf.sum(tf.sub(tf.mul(xx, l), tf.softplus(l)), -1);
      const f = (impl: (xx: tf.Tensor3D, l: tf.Tensor3D) => tf.Tensor) => tf.grads((xx: tf.Tensor, l: tf.Tensor) => tf.sum(tf.mul(impl(xx as tf.Tensor3D, l as tf.Tensor3D), w)));
      expect(relErr(bernoulliLogProb(x, logits), plain(x, logits))).toBeLessThan(1e-5);
      const [dxOurs, dlOurs] = f(bernoulliLogProb)([x, logits]);
      const [dxRef, dlRef] = f(plain)([x, logits]);
      expect(relErr(dlOurs, dlRef)).toBeLessThan(1e-5);
      expect(relErr(dxOurs, dxRef)).toBeLessThan(1e-5);
    });
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe.each(['wasm', 'cpu'] as const)('a dense layer\'s backward kernel on %s', (backend) => {
  beforeAll(async () => {
    expect(await setNodeBackend(backend)).toBe(true);
  });

  it.each([
    [128, 400],
    [7, 13],
  ])('gives dy·relu′ and its column sums like tfjs ops (M=%i, N=%i)', (M, N) => {
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const dy = tf.randomNormal([M, N], 0, 1, 'float32', 8) as tf.Tensor2D;
      const y = tf.relu(tf.randomNormal([M, N], 0, 1, 'float32', 9)) as tf.Tensor2D;
      const withRelu = denseBackward(dy, y);
      const dzRef = tf.mul(dy, tf.step(y));
      expect(relErr(withRelu.dz, dzRef)).toBeLessThan(1e-6);
      expect(relErr(withRelu.db, tf.sum(dzRef, 0))).toBeLessThan(1e-5);
      const linear = denseBackward(dy);
      expect(linear.dz).toBe(dy);
      expect(relErr(linear.db, tf.sum(dy, 0))).toBeLessThan(1e-5);
    });
    expect(tf.memory().numTensors).toBe(before);
  });
});
