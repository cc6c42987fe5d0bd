import { Matrix, SingularValueDecomposition } from 'ml-matrix';

/**
 * Orthonormal basis (d×r) of the column span of A (d×q). Uses the SVD rather
 * than QR so that rank-deficient inputs — e.g. a closed-form W whose column was
 * clamped to zero — drop the empty directions instead of inventing arbitrary ones.
 */
function orthonormalBasis(A: number[][]): Matrix {
  const M = new Matrix(A);
  if (M.columns === 0) return new Matrix(M.rows, 0);
  const svd = new SingularValueDecomposition(M, { computeRightSingularVectors: false, autoTranspose: true });
  const s = svd.diagonal;
  const smax = Math.max(0, ...s);
  const tol = Math.max(M.rows, M.columns) * smax * Number.EPSILON * 16;
  const keep = s.map((v, i) => (v > tol ? i : -1)).filter((i) => i >= 0);
  return svd.leftSingularVectors.subMatrixColumn(keep);
}

/**
 * Principal angles (degrees, ascending) between the column spans of A (d×q1)
 * and B (d×q2). There are min(rank A, rank B) of them; 0° means a shared
 * direction, 90° an orthogonal one. Comparing spans, not matrices, is what
 * makes a learned W comparable with the closed form, which is only fixed up
 * to a rotation.
 */
export function principalAnglesDeg(A: number[][], B: number[][]): number[] {
  if (A.length !== B.length) throw new Error(`Cannot compare subspaces of R^${A.length} and R^${B.length}.`);
  const Qa = orthonormalBasis(A);
  const Qb = orthonormalBasis(B);
  if (Qa.columns === 0 || Qb.columns === 0) return [];
  const C = Qa.transpose().mmul(Qb);
  const s = new SingularValueDecomposition(C, {
    computeLeftSingularVectors: false,
    computeRightSingularVectors: false,
    autoTranspose: true,
  }).diagonal;
  const k = Math.min(Qa.columns, Qb.columns);
  return s
    .slice(0, k)
    .map((v) => (Math.acos(Math.min(1, Math.max(-1, v))) * 180) / Math.PI)
    .sort((x, y) => x - y);
}
