import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '#tf-gradients';
import { choleskyAugmented, choleskyLower, diagPart, forwardSubstitute } from './choleskyTf';
import { randomMatrix } from './syntheticPpca';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function randomSpd(seed: string, q: number): tf.Tensor2D {
  const A = tf.tensor2d(randomMatrix(seed, q, q));
  return tf.add(tf.matMul(A, A, true, false), tf.eye(q)) as tf.Tensor2D;
}

function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.max(tf.abs(tf.sub(a, b))).dataSync()[0];
}

describe('choleskyLower', () => {
  for (const q of [1, 2, 5, 17, 64]) {
    it(`reconstructs a random SPD ${q}×${q} matrix as L Lᵀ with L lower triangular`, () => {
      const M = randomSpd(`chol-${q}`, q);
      const L = choleskyLower(M);
      expect(L.shape).toEqual([q, q]);
      const scale = tf.max(tf.abs(M)).dataSync()[0];
      expect(maxAbsDiff(tf.matMul(L, L, false, true), M) / scale).toBeLessThan(1e-5);
      const upper = L.arraySync().flatMap((row, i) => row.filter((_, j) => j > i));
      expect(upper.every((v) => v === 0)).toBe(true);
      expect(Array.from(diagPart(L).dataSync()).every((v) => v > 0)).toBe(true);
    });
  }

  it('matches a hand-computed factor', () => {
    // [[4,2],[2,3]] = [[2,0],[1,√2]] [[2,1],[0,√2]]
    const L = choleskyLower(tf.tensor2d([[4, 2], [2, 3]])).arraySync();
    expect(L[0][0]).toBeCloseTo(2, 6);
    expect(L[1][0]).toBeCloseTo(1, 6);
    expect(L[1][1]).toBeCloseTo(Math.SQRT2, 6);
  });

  it('differentiates log det M correctly (d/dM log det M = M⁻¹ for symmetric perturbations)', () => {
    const M = tf.tensor2d([[4, 1, 0.5], [1, 3, 0.2], [0.5, 0.2, 2]]);
    const logDet = (m: tf.Tensor) => tf.mul(tf.sum(tf.log(diagPart(choleskyLower(m as tf.Tensor2D)))), 2);
    const g = tf.grad(logDet)(M);
    // Only the lower triangle is read, so the symmetric part of the gradient is g + gᵀ - diag(g).
    const sym = tf.sub(tf.add(g, tf.transpose(g)), tf.mul(g, tf.eye(3)));
    // M⁻¹ via forward substitution on the Cholesky factor.
    const L = choleskyLower(M);
    const Linv = forwardSubstitute(L, tf.eye(3) as tf.Tensor2D);
    const Minv = tf.matMul(Linv, Linv, true, false);
    // d log det / dM_ij summed over both symmetric entries = 2 (M⁻¹)_ij off the diagonal.
    const expected = tf.sub(tf.mul(Minv, 2), tf.mul(Minv, tf.eye(3)));
    expect(maxAbsDiff(sym, expected)).toBeLessThan(1e-4);
  });
});

describe('forwardSubstitute', () => {
  for (const [q, k] of [[1, 1], [4, 3], [20, 7]]) {
    it(`solves L Y = C for L ${q}×${q}, C ${q}×${k}`, () => {
      const L = choleskyLower(randomSpd(`fs-${q}`, q));
      const C = tf.tensor2d(randomMatrix(`rhs-${q}`, q, k));
      const Y = forwardSubstitute(L, C);
      expect(Y.shape).toEqual([q, k]);
      expect(maxAbsDiff(tf.matMul(L, Y), C)).toBeLessThan(1e-4);
    });
  }
});

describe('choleskyAugmented', () => {
  it('returns X = C L⁻ᵀ alongside L, and L⁻ᵀ for C = I', () => {
    const q = 6;
    const M = randomSpd('aug', q);
    const C = tf.tensor2d(randomMatrix('aug-C', 4, q));
    const { L, X } = choleskyAugmented(M, C);
    expect(maxAbsDiff(L, choleskyLower(M))).toBeLessThan(1e-6);
    expect(maxAbsDiff(tf.matMul(X, L, false, true), C)).toBeLessThan(1e-4);
    const { X: LinvT } = choleskyAugmented(M, tf.eye(q) as tf.Tensor2D);
    expect(maxAbsDiff(tf.matMul(LinvT, L, true, false), tf.eye(q))).toBeLessThan(1e-4); // L⁻¹ L = I
  });
});
