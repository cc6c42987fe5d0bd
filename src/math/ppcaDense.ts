import { CholeskyDecomposition, Matrix } from 'ml-matrix';

// Deliberately the obvious O(d³) route — form K = ν² W Wᵀ + σ² I and take its
// Cholesky — and no tfjs, so it shares nothing with the Woodbury code it checks.

/** Per-example PPCA negative log-likelihood in nats, via a dense Cholesky of K. */
export function ppcaNllDense(
  x: Float32Array | Float64Array,
  n: number,
  d: number,
  W: number[][],
  b: ArrayLike<number>,
  nu2: number,
  sigma2: number,
): Float64Array {
  const K = new Matrix(d, d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (let k = 0; k < W[i].length; k++) s += W[i][k] * W[j][k];
      K.set(i, j, nu2 * s + (i === j ? sigma2 : 0));
    }
  }
  const chol = new CholeskyDecomposition(K);
  if (!chol.isPositiveDefinite()) throw new Error('The PPCA covariance ν²WWᵀ + σ²I is not positive definite; σ² must be positive.');
  const L = chol.lowerTriangularMatrix.to2DArray();
  let logDetK = 0;
  for (let i = 0; i < d; i++) logDetK += 2 * Math.log(L[i][i]);
  const constant = logDetK + d * Math.log(2 * Math.PI);

  const out = new Float64Array(n);
  const y = new Float64Array(d);
  for (let r = 0; r < n; r++) {
    // (x-b)ᵀK⁻¹(x-b) = ||y||² with L y = x - b.
    let quad = 0;
    for (let i = 0; i < d; i++) {
      let s = x[r * d + i] - b[i];
      for (let k = 0; k < i; k++) s -= L[i][k] * y[k];
      y[i] = s / L[i][i];
      quad += y[i] * y[i];
    }
    out[r] = 0.5 * (quad + constant);
  }
  return out;
}
