import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '#tf-gradients';
import { meanPpcaNll, ppcaClosedForm } from './ppcaClosedForm';
import { ppcaNllDense } from './ppcaDense';
import { ppcaNll } from './ppcaTf';
import { sampleCovariance } from './sampleCovariance';
import { gaussianSampler, randomMatrix, samplePpcaData } from './syntheticPpca';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const d = 7;
const q = 2;
const n = 3000;
const nuTrue = 1.5;
const sigmaTrue = 0.4;
const WTrue = randomMatrix('cf-W', d, q);
const bTrue = randomMatrix('cf-b', 1, d, 3)[0];
const x = samplePpcaData('cf-x', n, WTrue, bTrue, nuTrue, sigmaTrue);

const nu = 0.8; // fitted with a different prior scale than generated: only ν W matters
const fit = ppcaClosedForm(x, n, d, q, nu);
const nll = (W: number[][], b: ArrayLike<number>, sigma2: number) => meanPpcaNll(x, n, d, W, b, nu * nu, sigma2);

function outer(W: number[][], scale: number): number[][] {
  return W.map((ri) => W.map((rj) => scale * ri.reduce((s, v, k) => s + v * rj[k], 0)));
}

describe('sampleCovariance', () => {
  it('equals the textbook centred estimate on mixed sparse, dense and offset columns', () => {
    const rows = 50;
    const cols = 4;
    const normal = gaussianSampler('cov');
    const data = new Float64Array(rows * cols);
    for (let r = 0; r < rows; r++) {
      data[r * cols + 0] = r % 5 === 0 ? normal() : 0; // mostly zeros
      data[r * cols + 1] = normal();
      data[r * cols + 2] = 1e6 + normal(); // large offset
      data[r * cols + 3] = data[r * cols + 0] + 0.5 * normal();
    }
    const { mean, cov } = sampleCovariance(data, rows, cols);
    for (let a = 0; a < cols; a++) {
      let m = 0;
      for (let r = 0; r < rows; r++) m += data[r * cols + a] / rows;
      expect(mean[a]).toBeCloseTo(m, 6);
    }
    for (let a = 0; a < cols; a++) {
      for (let b = 0; b < cols; b++) {
        let s = 0;
        for (let r = 0; r < rows; r++) s += (data[r * cols + a] - mean[a]) * (data[r * cols + b] - mean[b]);
        expect(cov[a * cols + b]).toBeCloseTo(s / rows, 6);
      }
    }
  });
});

describe('ppcaClosedForm', () => {
  it('returns shapes, sorted eigenvalues and σ² as the mean of the trailing ones', () => {
    expect(fit.b.length).toBe(d);
    expect(fit.W.length).toBe(d);
    expect(fit.W[0].length).toBe(q);
    for (let j = 1; j < d; j++) expect(fit.eigenvalues[j]).toBeLessThanOrEqual(fit.eigenvalues[j - 1]);
    const tail = Array.from(fit.eigenvalues.slice(q));
    expect(fit.sigma2).toBeCloseTo(tail.reduce((s, v) => s + v, 0) / tail.length, 12);
  });

  it('recovers the generating model up to sampling error (compared through ν² W Wᵀ, which is rotation invariant)', () => {
    expect(fit.sigma2).toBeGreaterThan(sigmaTrue ** 2 * 0.9);
    expect(fit.sigma2).toBeLessThan(sigmaTrue ** 2 * 1.1);
    const learned = outer(fit.W, nu * nu);
    const truth = outer(WTrue, nuTrue * nuTrue);
    const norm = Math.sqrt(truth.flat().reduce((s, v) => s + v * v, 0));
    const err = Math.sqrt(learned.flat().reduce((s, v, i) => s + (v - truth.flat()[i]) ** 2, 0));
    expect(err / norm).toBeLessThan(0.1);
  });

  it('reports a meanNll equal to the NLL evaluated at its own solution (Woodbury JS, dense, tfjs)', () => {
    const woodbury = nll(fit.W, fit.b, fit.sigma2);
    const dense = ppcaNllDense(x, n, d, fit.W, Array.from(fit.b), nu * nu, fit.sigma2).reduce((s, v) => s + v, 0) / n;
    expect(Math.abs(woodbury - fit.meanNll)).toBeLessThan(1e-9 * Math.abs(fit.meanNll) + 1e-9);
    expect(Math.abs(dense - fit.meanNll)).toBeLessThan(1e-9 * Math.abs(fit.meanNll) + 1e-9);
    const tfMean = tf.tidy(() =>
      tf
        .mean(
          ppcaNll(
            tf.tensor2d(x, [n, d]),
            tf.tensor2d(fit.W),
            tf.tensor1d(Array.from(fit.b)),
            tf.scalar(Math.log(nu * nu)),
            tf.scalar(Math.log(fit.sigma2)),
          ),
        )
        .dataSync()[0],
    );
    expect(Math.abs(tfMean - fit.meanNll) / Math.abs(fit.meanNll)).toBeLessThan(1e-4);
  });

  it('is a local optimum: perturbing W, b or σ² raises the mean NLL', () => {
    const base = nll(fit.W, fit.b, fit.sigma2);
    const dirs = [randomMatrix('pert-1', d, q, 1e-2), randomMatrix('pert-2', d, q, 1e-2)];
    for (const D of dirs) {
      for (const sgn of [1, -1]) expect(nll(fit.W.map((r, i) => r.map((v, k) => v + sgn * D[i][k])), fit.b, fit.sigma2)).toBeGreaterThan(base);
    }
    for (const f of [0.98, 1.02]) expect(nll(fit.W, fit.b, fit.sigma2 * f)).toBeGreaterThan(base);
    for (const sgn of [1, -1]) expect(nll(fit.W, Array.from(fit.b, (v, i) => (i === 3 ? v + sgn * 1e-2 : v)), fit.sigma2)).toBeGreaterThan(base);
  });

  it('has a vanishing tfjs gradient at the solution', () => {
    const grads = tf.tidy(() => {
      const xs = tf.tensor2d(x, [n, d]);
      const g = tf.grads((w: tf.Tensor, b: tf.Tensor, ls: tf.Tensor) =>
        tf.mean(ppcaNll(xs, w as tf.Tensor2D, b as tf.Tensor1D, tf.scalar(Math.log(nu * nu)), ls as tf.Scalar)),
      )([tf.tensor2d(fit.W), tf.tensor1d(Array.from(fit.b)), tf.scalar(Math.log(fit.sigma2))]);
      return g.map((t) => Math.max(...Array.from(t.dataSync(), Math.abs)));
    });
    for (const g of grads) expect(g).toBeLessThan(1e-3);
  });

  it('gives the same likelihood for any rotation W R', () => {
    const t = 0.7;
    const R = [
      [Math.cos(t), -Math.sin(t)],
      [Math.sin(t), Math.cos(t)],
    ];
    const WR = fit.W.map((r) => [r[0] * R[0][0] + r[1] * R[1][0], r[0] * R[0][1] + r[1] * R[1][1]]);
    expect(nll(WR, fit.b, fit.sigma2)).toBeCloseTo(nll(fit.W, fit.b, fit.sigma2), 9);
  });

  it('refuses q ≥ d and data with no variance left for the noise, in sentences', () => {
    expect(() => ppcaClosedForm(x, n, d, d, 1)).toThrow(/fewer latent dimensions than data dimensions/);
    // Rank-1 data in R^3 with q = 1: nothing left for σ².
    const flat = new Float32Array(30);
    for (let r = 0; r < 10; r++) for (let i = 0; i < 3; i++) flat[r * 3 + i] = r * (i + 1);
    expect(() => ppcaClosedForm(flat, 10, 3, 1, 1)).toThrow(/no variance outside the top 1/);
  });
});
