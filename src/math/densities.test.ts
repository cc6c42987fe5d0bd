import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '#tf-gradients';
import { logMeanExp } from './logMeanExp';
import { diagGaussianLogProb, isoGaussianLogProb } from './gaussianTf';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('logMeanExp', () => {
  it('stays finite where the naive form overflows', () => {
    const out = logMeanExp(tf.tensor1d([1000, 1000.5]), 0);
    const expected = 1000 + Math.log((1 + Math.exp(0.5)) / 2);
    expect(out.shape).toEqual([]);
    expect(out.dataSync()[0]).toBeCloseTo(expected, 3);
    expect(logMeanExp(tf.tensor1d([-1000, -1001]), 0).dataSync()[0]).toBeCloseTo(-1000 + Math.log((1 + Math.exp(-1)) / 2), 3);
  });

  it('equals the naive form on small inputs, along either axis', () => {
    const a = [
      [0.1, -0.3, 0.7],
      [1.2, 0.0, -2.0],
    ];
    const t = tf.tensor2d(a);
    const naive = (v: number[]) => Math.log(v.reduce((s, x) => s + Math.exp(x), 0) / v.length);
    const rows = logMeanExp(t, 1).arraySync() as number[];
    const cols = logMeanExp(t, 0).arraySync() as number[];
    const colsNeg = logMeanExp(t, -2).arraySync() as number[];
    rows.forEach((v, i) => expect(v).toBeCloseTo(naive(a[i]), 5));
    cols.forEach((v, j) => expect(v).toBeCloseTo(naive([a[0][j], a[1][j]]), 5));
    expect(colsNeg).toEqual(cols);
  });

  it('has the softmax of its input as gradient', () => {
    const a = tf.tensor1d([1000, 1000.5, 999]);
    const g = tf.grad((x: tf.Tensor) => logMeanExp(x, 0))(a).dataSync();
    const e = [Math.exp(0), Math.exp(0.5), Math.exp(-1)];
    const z = e.reduce((s, v) => s + v, 0);
    e.forEach((v, i) => expect(g[i]).toBeCloseTo(v / z, 5));
  });
});

describe('Gaussian log-densities', () => {
  it('isotropic: matches -(d/2)log(2πσ²) - ||x-m||²/(2σ²)', () => {
    const out = isoGaussianLogProb(tf.tensor1d([1, 2]), tf.tensor1d([0, 0]), tf.scalar(Math.log(2)));
    expect(out.dataSync()[0]).toBeCloseTo(-Math.log(2 * Math.PI * 2) - 5 / 4, 5);
  });

  it('isotropic: broadcasts [1,B,D] data against [S,B,D] means to [S,B]', () => {
    const x = tf.tensor3d([[[1, 0, 0], [0, 0, 0]]]); // [1,2,3]
    const m = tf.zeros([4, 2, 3]);
    const out = isoGaussianLogProb(x, m, tf.scalar(0));
    expect(out.shape).toEqual([4, 2]);
    const v = out.arraySync() as number[][];
    const c = -1.5 * Math.log(2 * Math.PI);
    for (const row of v) {
      expect(row[0]).toBeCloseTo(c - 0.5, 5);
      expect(row[1]).toBeCloseTo(c, 5);
    }
  });

  it('diagonal: matches -½ Σ (log 2π + v + (x-m)² e^{-v})', () => {
    const out = diagGaussianLogProb(tf.tensor2d([[1, -1]]), tf.tensor2d([[0, 1]]), tf.tensor2d([[0, Math.log(4)]]));
    const expected = -0.5 * (Math.log(2 * Math.PI) + 0 + 1) - 0.5 * (Math.log(2 * Math.PI) + Math.log(4) + 4 / 4);
    expect(out.shape).toEqual([1]);
    expect(out.dataSync()[0]).toBeCloseTo(expected, 5);
  });

  it('diagonal with equal log-variances agrees with the isotropic form', () => {
    const x = tf.tensor2d([[0.3, -1.2, 2.0]]);
    const m = tf.tensor2d([[0.1, 0.4, -0.5]]);
    const iso = isoGaussianLogProb(x, m, tf.scalar(-0.7)).dataSync()[0];
    const diag = diagGaussianLogProb(x, m, tf.fill([1, 3], -0.7)).dataSync()[0];
    expect(diag).toBeCloseTo(iso, 5);
  });
});
