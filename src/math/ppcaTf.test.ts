import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '#tf-gradients';
import { Matrix, inverse } from 'ml-matrix';
import { ppcaNll, ppcaPosterior } from './ppcaTf';
import { ppcaNllDense } from './ppcaDense';
import { randomMatrix, samplePpcaData } from './syntheticPpca';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

interface Case {
  d: number;
  q: number;
  n: number;
  nu2: number;
  sigma2: number;
}

function makeCase({ d, q, n }: Case, seed: string) {
  const W = randomMatrix(`${seed}-W`, d, q, 0.8);
  const b = randomMatrix(`${seed}-b`, 1, d, 2)[0];
  // Data from a different model than the one scored, so the quadratic form is not special.
  const x = samplePpcaData(`${seed}-x`, n, randomMatrix(`${seed}-W2`, d, q, 1.5), b.map((v) => v + 0.3), 1, 0.7);
  return { W, b, x };
}

function tfArgs(x: Float32Array, n: number, d: number, W: number[][], b: number[], nu2: number, sigma2: number) {
  return [
    tf.tensor2d(x, [n, d]),
    tf.tensor2d(W, [d, W[0]?.length ?? 0]),
    tf.tensor1d(b),
    tf.scalar(Math.log(nu2)),
    tf.scalar(Math.log(sigma2)),
  ] as const;
}

const cases: Case[] = [
  { d: 5, q: 2, n: 7, nu2: 1.7, sigma2: 0.3 },
  { d: 12, q: 3, n: 9, nu2: 0.4, sigma2: 2.5 },
  { d: 3, q: 1, n: 4, nu2: 3.0, sigma2: 0.05 },
  { d: 8, q: 7, n: 5, nu2: 0.9, sigma2: 1.1 },
  { d: 4, q: 0, n: 3, nu2: 1.0, sigma2: 0.8 },
];

describe('ppcaNll (Woodbury, tfjs) against a dense Cholesky of K', () => {
  for (const c of cases) {
    it(`agrees per example for d=${c.d}, q=${c.q}, ν²=${c.nu2}, σ²=${c.sigma2}`, () => {
      const { W, b, x } = makeCase(c, `agree-${c.d}-${c.q}`);
      const dense = ppcaNllDense(x, c.n, c.d, W, b, c.nu2, c.sigma2);
      const woodbury = ppcaNll(...tfArgs(x, c.n, c.d, W, b, c.nu2, c.sigma2));
      expect(woodbury.shape).toEqual([c.n]);
      const got = woodbury.dataSync();
      for (let i = 0; i < c.n; i++) expect(Math.abs(got[i] - dense[i]) / Math.abs(dense[i])).toBeLessThan(1e-4);
    });
  }

  it('matches the univariate Gaussian by hand for d=1, q=1', () => {
    // K = ν² w² + σ² = 2·9 + 1 = 19.
    const got = ppcaNll(tf.tensor2d([[4]]), tf.tensor2d([[3]]), tf.tensor1d([1]), tf.scalar(Math.log(2)), tf.scalar(0)).dataSync()[0];
    expect(got).toBeCloseTo(0.5 * (9 / 19 + Math.log(19) + Math.log(2 * Math.PI)), 5);
  });

  it('does not leak tensors when called inside tf.tidy, with or without gradients', () => {
    const c = cases[1];
    const { W, b, x } = makeCase(c, 'leak');
    const args = tfArgs(x, c.n, c.d, W, b, c.nu2, c.sigma2);
    const before = tf.memory().numTensors;
    const mean = tf.tidy(() => tf.mean(ppcaNll(...args)));
    mean.dispose();
    tf.tidy(() => {
      tf.grads((w: tf.Tensor, bb: tf.Tensor) => tf.mean(ppcaNll(args[0], w as tf.Tensor2D, bb as tf.Tensor1D, args[3], args[4])))([
        args[1],
        args[2],
      ]);
      ppcaPosterior(...args);
    });
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('ppcaNll gradients', () => {
  // Finite differences are taken on the float64 dense reference, so they are
  // accurate to ~1e-9 and the comparison measures the float32 autodiff alone.
  it('match central differences of the dense float64 NLL for W, b, log ν², log σ²', () => {
    const c: Case = { d: 6, q: 2, n: 8, nu2: 1.3, sigma2: 0.6 };
    const { W, b, x } = makeCase(c, 'grad');
    const meanDense = (Wm: number[][], bm: number[], nu2: number, sigma2: number) =>
      ppcaNllDense(x, c.n, c.d, Wm, bm, nu2, sigma2).reduce((s, v) => s + v, 0) / c.n;
    const h = 1e-5;
    const fd = (f: (e: number) => number) => (f(h) - f(-h)) / (2 * h);

    const [xT, WT, bT, lnu, lsig] = tfArgs(x, c.n, c.d, W, b, c.nu2, c.sigma2);
    const [gW, gb, gNu, gSig] = tf.grads((w: tf.Tensor, bb: tf.Tensor, ln: tf.Tensor, ls: tf.Tensor) =>
      tf.mean(ppcaNll(xT, w as tf.Tensor2D, bb as tf.Tensor1D, ln as tf.Scalar, ls as tf.Scalar)),
    )([WT, bT, lnu, lsig]);

    const scale = 1 + Math.max(...(gW.arraySync() as number[][]).flat().map(Math.abs));
    const gWv = gW.arraySync() as number[][];
    for (let i = 0; i < c.d; i++) {
      for (let k = 0; k < c.q; k++) {
        const num = fd((e) => meanDense(W.map((r, ri) => r.map((v, ki) => (ri === i && ki === k ? v + e : v))), b, c.nu2, c.sigma2));
        expect(Math.abs(gWv[i][k] - num) / scale).toBeLessThan(2e-4);
      }
    }
    const gbv = gb.dataSync();
    for (let i = 0; i < c.d; i++) {
      const num = fd((e) => meanDense(W, b.map((v, j) => (j === i ? v + e : v)), c.nu2, c.sigma2));
      expect(Math.abs(gbv[i] - num) / (1 + Math.abs(num))).toBeLessThan(2e-4);
    }
    const numNu = fd((e) => meanDense(W, b, c.nu2 * Math.exp(e), c.sigma2));
    const numSig = fd((e) => meanDense(W, b, c.nu2, c.sigma2 * Math.exp(e)));
    expect(Math.abs(gNu.dataSync()[0] - numNu) / (1 + Math.abs(numNu))).toBeLessThan(2e-4);
    expect(Math.abs(gSig.dataSync()[0] - numSig) / (1 + Math.abs(numSig))).toBeLessThan(2e-4);
  });
});

describe('ppcaPosterior', () => {
  it('equals dense Gaussian conditioning of z on x', () => {
    const c: Case = { d: 5, q: 3, n: 4, nu2: 0.8, sigma2: 0.4 };
    const { W, b, x } = makeCase(c, 'post');
    const { mean, cov } = ppcaPosterior(...tfArgs(x, c.n, c.d, W, b, c.nu2, c.sigma2));
    expect(mean.shape).toEqual([c.n, c.q]);
    expect(cov.shape).toEqual([c.q, c.q]);

    // Joint Gaussian: Cov(z,x) = ν² Wᵀ, Cov(x) = K, so
    // E[z|x] = ν² Wᵀ K⁻¹ (x-b) and Cov[z|x] = ν² I - ν⁴ Wᵀ K⁻¹ W.
    const Wm = new Matrix(W);
    const K = Wm.mmul(Wm.transpose()).mul(c.nu2).add(Matrix.eye(c.d).mul(c.sigma2));
    const Kinv = inverse(K);
    const denseCov = Matrix.eye(c.q).mul(c.nu2).sub(Wm.transpose().mmul(Kinv).mmul(Wm).mul(c.nu2 * c.nu2));
    const covGot = cov.arraySync();
    for (let k = 0; k < c.q; k++) for (let l = 0; l < c.q; l++) expect(covGot[k][l]).toBeCloseTo(denseCov.get(k, l), 5);

    const meanGot = mean.arraySync();
    for (let r = 0; r < c.n; r++) {
      const xc = Matrix.columnVector(Array.from({ length: c.d }, (_, i) => x[r * c.d + i] - b[i]));
      const m = Wm.transpose().mmul(Kinv).mmul(xc).mul(c.nu2);
      for (let k = 0; k < c.q; k++) expect(meanGot[r][k]).toBeCloseTo(m.get(k, 0), 4);
    }
  });
});
