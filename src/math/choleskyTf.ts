import * as tf from '@tensorflow/tfjs-core';

// tfjs-core has no cholesky, triangular solve, inverse or determinant, yet the
// exact PPCA likelihood needs all of them on a small q×q matrix and must stay
// differentiable. These are built from ordinary ops so tfjs autodiff
// differentiates them; each loop runs q times over whole vectors, never
// element by element, because every op is a kernel launch.

/**
 * Lower-triangular L with L Lᵀ = M, for symmetric positive-definite M [q,q].
 * Only the lower triangle of M is read, so gradients land there.
 */
export function choleskyLower(M: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const q = M.shape[0];
    if (M.shape[1] !== q) throw new Error(`Cholesky needs a square matrix, got ${M.shape[0]}×${M.shape[1]}.`);
    if (q === 0) return tf.zeros([0, 0]) as tf.Tensor2D;
    const rows = tf.range(0, q, 1, 'int32');
    let L: tf.Tensor2D | null = null; // columns 0..j-1 so far, [q, j]
    for (let j = 0; j < q; j++) {
      let v = tf.slice(M, [0, j], [q, 1]) as tf.Tensor2D; // [q,1]
      if (L !== null) {
        const Lj = tf.slice(L, [j, 0], [1, j]);
        v = tf.sub(v, tf.matMul(L, Lj, false, true)) as tf.Tensor2D;
      }
      // Entries above the diagonal of v are zero in exact arithmetic; the mask
      // removes their rounding noise and keeps gradients off the upper triangle.
      const below = tf.reshape(tf.cast(tf.greaterEqual(rows, j), M.dtype), [q, 1]);
      const pivot = tf.slice(v, [j, 0], [1, 1]);
      const col = tf.mul(tf.div(v, tf.sqrt(pivot)), below) as tf.Tensor2D;
      L = L === null ? col : tf.concat([L, col], 1);
    }
    return L as tf.Tensor2D;
  });
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
