import { CholeskyDecomposition, Matrix } from 'ml-matrix';

/**
 * Mean per-example PPCA negative log-likelihood (nats) in plain JS, for scoring
 * a solution on a test set inside the worker/CLI without tfjs. Goes through
 * the q×q matrix M = WᵀW + (σ²/ν²)I (Woodbury) so d = 784, n = 10000 costs
 * O(n d q), never a d×d matrix.
 */
export function meanPpcaNll(
  x: Float32Array | Float64Array,
  n: number,
  d: number,
  W: number[][],
  b: ArrayLike<number>,
  nu2: number,
  sigma2: number,
): number {
  if (n < 1) throw new Error('Cannot average the PPCA likelihood over an empty data set.');
  if (!(sigma2 > 0) || !(nu2 > 0)) throw new Error('PPCA needs positive prior and noise variances ν² and σ².');
  const q = d > 0 ? W[0].length : 0;
  const Wf = new Float64Array(d * q);
  for (let i = 0; i < d; i++) for (let k = 0; k < q; k++) Wf[i * q + k] = W[i][k];

  const M = new Matrix(q, q);
  for (let k = 0; k < q; k++) {
    for (let l = 0; l < q; l++) {
      let s = 0;
      for (let i = 0; i < d; i++) s += Wf[i * q + k] * Wf[i * q + l];
      M.set(k, l, s + (k === l ? sigma2 / nu2 : 0));
    }
  }
  const L = q > 0 ? new CholeskyDecomposition(M).lowerTriangularMatrix.to2DArray() : [];
  let logDetM = 0;
  for (let k = 0; k < q; k++) logDetM += 2 * Math.log(L[k][k]);
  const logDetK = (d - q) * Math.log(sigma2) + q * Math.log(nu2) + logDetM;

  const xc = new Float64Array(d);
  const t = new Float64Array(q);
  let quadSum = 0;
  for (let r = 0; r < n; r++) {
    let xx = 0;
    for (let i = 0; i < d; i++) {
      xc[i] = x[r * d + i] - b[i];
      xx += xc[i] * xc[i];
    }
    t.fill(0);
    for (let i = 0; i < d; i++) {
      const v = xc[i];
      if (v === 0) continue;
      for (let k = 0; k < q; k++) t[k] += Wf[i * q + k] * v;
    }
    // y = L⁻¹ Wᵀ(x-b) overwrites t; ||y||² = (x-b)ᵀ W M⁻¹ Wᵀ (x-b).
    let yy = 0;
    for (let k = 0; k < q; k++) {
      let s = t[k];
      for (let l = 0; l < k; l++) s -= L[k][l] * t[l];
      t[k] = s / L[k][k];
      yy += t[k] * t[k];
    }
    quadSum += (xx - yy) / sigma2;
  }
  return 0.5 * (quadSum / n + logDetK + d * Math.log(2 * Math.PI));
}
