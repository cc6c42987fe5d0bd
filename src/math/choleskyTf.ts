import * as tf from '@tensorflow/tfjs-core';

// tfjs-core has no cholesky, triangular solve, inverse or determinant, yet the
// exact PPCA likelihood needs all of them on a small q×q matrix and must stay
// differentiable. These are built from ordinary ops so tfjs autodiff
// differentiates them; each loop runs q times over whole vectors, never
// element by element, because every op is a kernel launch.

/**
 * Lower-triangular L with L Lᵀ = M, for symmetric positive-definite M [q,q],
 * and X = C L⁻ᵀ for extra rows C [k,q] (the solve of X Lᵀ = C, so C = I gives
 * L⁻ᵀ) in the same pass.
 *
 * Right-looking: each step takes a column of the running Schur complement and
 * subtracts its outer product, about seven ops per column. Carrying C as extra
 * rows makes the triangular solve ride along instead of needing a second
 * q-step loop; this halves the op count, which is what costs time for q ~ 64.
 */
export function choleskyAugmented(M: tf.Tensor2D, C?: tf.Tensor2D): { L: tf.Tensor2D; X: tf.Tensor2D } {
  return tf.tidy(() => {
    const q = M.shape[0];
    if (M.shape[1] !== q) throw new Error(`Cholesky needs a square matrix, got ${M.shape[0]}×${M.shape[1]}.`);
    const k = C === undefined ? 0 : C.shape[0];
    if (C !== undefined && C.shape[1] !== q) {
      throw new Error(`Cannot solve against the Cholesky factor: it is ${q}×${q} but the extra rows have ${C.shape[1]} columns.`);
    }
    if (q === 0) return { L: tf.zeros([0, 0]) as tf.Tensor2D, X: tf.zeros([k, 0]) as tf.Tensor2D };
    const rows = q + k;
    let A: tf.Tensor2D = C === undefined ? M : tf.concat([M, C], 0);
    const cols: tf.Tensor2D[] = [];
    for (let j = 0; j < q; j++) {
      const a = tf.slice(A, [0, j], [rows, 1]);
      const col = tf.mul(a, tf.rsqrt(tf.slice(a, [j, 0], [1, 1]))) as tf.Tensor2D;
      cols.push(col);
      if (j < q - 1) A = tf.sub(A, tf.matMul(col, tf.slice(col, [0, 0], [q, 1]), false, true));
    }
    // Above the diagonal the columns hold rounding residue of entries that are
    // zero in exact arithmetic. Later steps only touch finished rows with it,
    // so masking once here gives an exactly triangular L and keeps gradients
    // off the upper triangle of M.
    const mask = new Float32Array(rows * q);
    for (let i = 0; i < rows; i++) for (let j = 0; j <= Math.min(i, q - 1); j++) mask[i * q + j] = 1;
    const full = tf.mul(tf.concat(cols, 1), tf.tensor2d(mask, [rows, q]));
    return {
      L: tf.slice(full, [0, 0], [q, q]) as tf.Tensor2D,
      X: tf.slice(full, [q, 0], [k, q]) as tf.Tensor2D,
    };
  });
}

/** Lower-triangular L with L Lᵀ = M for symmetric positive-definite M [q,q]; depends on M's lower triangle only. */
export function choleskyLower(M: tf.Tensor2D): tf.Tensor2D {
  return choleskyAugmented(M).L;
}

/** Solves L Y = C for lower-triangular L [q,q] and C [q,k], one row of Y at a time. */
export function forwardSubstitute(L: tf.Tensor2D, C: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const q = L.shape[0];
    const k = C.shape[1];
    if (C.shape[0] !== q) throw new Error(`Cannot solve: L is ${q}×${q} but the right-hand side has ${C.shape[0]} rows.`);
    if (q === 0) return tf.zeros([0, k]) as tf.Tensor2D;
    let Y: tf.Tensor2D | null = null; // rows 0..i-1 so far, [i, k]
    for (let i = 0; i < q; i++) {
      let ci = tf.slice(C, [i, 0], [1, k]) as tf.Tensor2D;
      if (Y !== null) ci = tf.sub(ci, tf.matMul(tf.slice(L, [i, 0], [1, i]), Y)) as tf.Tensor2D;
      const yi = tf.div(ci, tf.slice(L, [i, i], [1, 1])) as tf.Tensor2D;
      Y = Y === null ? yi : tf.concat([Y, yi], 0);
    }
    return Y as tf.Tensor2D;
  });
}

/** The diagonal of a square matrix as a vector (tfjs-core has no diagPart op). */
export function diagPart(A: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => tf.sum(tf.mul(A, tf.eye(A.shape[0])), 1) as tf.Tensor1D);
}
