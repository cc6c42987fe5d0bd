// Float64 linear algebra behind the 2-D views: principal directions of a point cloud, and
// the principal axes of a PPCA loading matrix. Pure (no tfjs), so it is tested directly.
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { sampleCovariance } from '../../math/sampleCovariance';

/** Row-major k×d: the top-k unit eigenvectors of a symmetric d×d matrix, largest eigenvalue first. */
export interface Directions {
  vectors: Float64Array;
  values: Float64Array;
  k: number;
  d: number;
}

/**
 * Eigenvectors have no intrinsic sign; flipping them between two views would make the plot
 * jump while training. Each is signed so that its largest-magnitude entry is positive.
 */
function fixSign(v: Float64Array): void {
  let big = 0;
  for (let i = 0; i < v.length; i++) if (Math.abs(v[i]) > Math.abs(big)) big = v[i];
  if (big < 0) for (let i = 0; i < v.length; i++) v[i] = -v[i];
}

export function topEigenvectors(sym: Float64Array, d: number, k: number): Directions {
  const evd = new EigenvalueDecomposition(Matrix.from1DArray(d, d, sym), { assumeSymmetric: true });
  const raw = evd.realEigenvalues;
  const order = raw.map((_, i) => i).sort((i, j) => raw[j] - raw[i]).slice(0, k);
  const U = evd.eigenvectorMatrix;
  const vectors = new Float64Array(order.length * d);
  order.forEach((col, r) => {
    const v = vectors.subarray(r * d, (r + 1) * d);
    for (let i = 0; i < d; i++) v[i] = U.get(i, col);
    fixSign(v);
  });
  return { vectors, values: Float64Array.from(order, (i) => raw[i]), k: order.length, d };
}

/** Column means and top-k principal directions (sample covariance, divided by N) of n×d rows. */
export function principalDirections(x: ArrayLike<number>, n: number, d: number, k: number): { mean: Float64Array } & Directions {
  const data = x instanceof Float32Array || x instanceof Float64Array ? x : Float64Array.from(x);
  const { mean, cov } = sampleCovariance(data, n, d);
  return { mean, ...topEigenvectors(cov, d, k) };
}

/** y = dirs · v: a d-vector in the k-dimensional coordinates of the directions. */
export function projectVector(dirs: Directions, v: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let r = 0; r < dirs.k; r++) {
    let s = 0;
    for (let i = 0; i < dirs.d; i++) s += dirs.vectors[r * dirs.d + i] * v[i];
    out.push(s);
  }
  return out;
}

/** n×d rows → n×2 coordinates on the first two directions (row-major, float32 for the UI). */
export function projectRows2(dirs: Directions, x: ArrayLike<number>, n: number): Float32Array {
  const { d, vectors } = dirs;
  const out = new Float32Array(n * 2);
  for (let r = 0; r < n; r++) {
    let a = 0;
    let b = 0;
    for (let i = 0; i < d; i++) {
      const v = x[r * d + i];
      a += vectors[i] * v;
      b += vectors[d + i] * v;
    }
    out[2 * r] = a;
    out[2 * r + 1] = b;
  }
  return out;
}

/**
 * The principal axes of PPCA's latent part of the covariance, ν² W Wᵀ (W is d×q, row-major):
 * its eigenvectors scaled by the square root of the variance each explains, largest first.
 * With v_j the unit eigenvectors of ν² WᵀW (q×q, cheap even for d = 784), the axis is ν W v_j,
 * because ‖ν W v_j‖² = ν² v_jᵀWᵀW v_j is exactly that eigenvalue. W itself is fixed only up to
 * a rotation; these axes are not, so learned and closed-form fits can be drawn side by side.
 */
export function ppcaAxes(W: ArrayLike<number>, d: number, q: number, nu: number): Float64Array[] {
  const gram = new Float64Array(q * q);
  for (let a = 0; a < q; a++) {
    for (let b = a; b < q; b++) {
      let s = 0;
      for (let i = 0; i < d; i++) s += W[i * q + a] * W[i * q + b];
      gram[a * q + b] = gram[b * q + a] = s;
    }
  }
  const { vectors } = topEigenvectors(gram, q, q);
  const axes: Float64Array[] = [];
  for (let j = 0; j < q; j++) {
    const axis = new Float64Array(d);
    for (let i = 0; i < d; i++) {
      let s = 0;
      for (let a = 0; a < q; a++) s += W[i * q + a] * vectors[j * q + a];
      axis[i] = nu * s;
    }
    fixSign(axis);
    axes.push(axis);
  }
  return axes;
}
