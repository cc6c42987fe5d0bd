import * as tf from '@tensorflow/tfjs-core';
import { choleskyAugmented, diagPart } from './choleskyTf';

const LOG_2PI = Math.log(2 * Math.PI);

// PPCA: z ~ N(0, ν² I_q), x | z ~ N(W z + b, σ² I_d), so x ~ N(b, K) with
// K = ν² W Wᵀ + σ² I. d may be 784 while q is a handful, so everything goes
// through the q×q matrix M = WᵀW + (σ²/ν²) I (Woodbury); K is never formed.

interface Woodbury {
  xc: tf.Tensor2D; // x - b, [B,d]
  L: tf.Tensor2D; // chol(M), [q,q]
  LinvT: tf.Tensor2D; // L⁻ᵀ, [q,q]
}

function woodbury(x: tf.Tensor2D, W: tf.Tensor2D, b: tf.Tensor1D, logNu2: tf.Scalar, logSigma2: tf.Scalar): Woodbury {
  const [, d] = x.shape;
  const [dW, q] = W.shape;
  if (dW !== d || b.shape[0] !== d) {
    throw new Error(`PPCA shapes disagree: data has ${d} columns, W has ${dW} rows and b has ${b.shape[0]} entries.`);
  }
  const xc = tf.sub(x, b) as tf.Tensor2D;
  const noiseToPrior = tf.exp(tf.sub(logSigma2, logNu2));
  const M = tf.add(tf.matMul(W, W, true, false), tf.mul(tf.eye(q), noiseToPrior)) as tf.Tensor2D;
  const { L, X: LinvT } = choleskyAugmented(M, tf.eye(q) as tf.Tensor2D);
  return { xc, L, LinvT };
}

/**
 * Exact per-example negative log marginal likelihood of PPCA, in nats with
 * all constants: ½[(x-b)ᵀK⁻¹(x-b) + log det K + d log 2π]. Returns [B].
 * Differentiable in W, b, logNu2 and logSigma2.
 */
export function ppcaNll(
  x: tf.Tensor2D,
  W: tf.Tensor2D,
  b: tf.Tensor1D,
  logNu2: tf.Scalar,
  logSigma2: tf.Scalar,
): tf.Tensor1D {
  return tf.tidy(() => {
    const d = x.shape[1];
    const q = W.shape[1];
    const { xc, L, LinvT } = woodbury(x, W, b, logNu2, logSigma2);
    // Rows of y are (L⁻¹ Wᵀ (x-b))ᵀ, so ||y||² = (x-b)ᵀ W M⁻¹ Wᵀ (x-b).
    const y = tf.matMul(tf.matMul(xc, W), LinvT);
    const quad = tf.mul(tf.sub(tf.sum(tf.square(xc), 1), tf.sum(tf.square(y), 1)), tf.exp(tf.neg(logSigma2)));
    const logDetK = tf.addN([
      tf.mul(logSigma2, d - q),
      tf.mul(logNu2, q),
      tf.mul(tf.sum(tf.log(diagPart(L))), 2),
    ]);
    return tf.mul(tf.add(tf.add(quad, logDetK), d * LOG_2PI), 0.5) as tf.Tensor1D;
  });
}

/**
 * Exact posterior z | x ~ N(M⁻¹Wᵀ(x-b), σ² M⁻¹). The covariance is shared by
 * every example. Used as the "perfect" importance-sampling proposal.
 */
export function ppcaPosterior(
  x: tf.Tensor2D,
  W: tf.Tensor2D,
  b: tf.Tensor1D,
  logNu2: tf.Scalar,
  logSigma2: tf.Scalar,
): { mean: tf.Tensor2D; cov: tf.Tensor2D } {
  return tf.tidy(() => {
    const { xc, LinvT } = woodbury(x, W, b, logNu2, logSigma2);
    const Minv = tf.matMul(LinvT, LinvT, false, true); // M⁻¹ = L⁻ᵀ L⁻¹
    // M⁻¹ is symmetric, so the row form of M⁻¹Wᵀ(x-b) is (x-b) W M⁻¹.
    const mean = tf.matMul(tf.matMul(xc, W), Minv) as tf.Tensor2D;
    const cov = tf.mul(Minv, tf.exp(logSigma2)) as tf.Tensor2D;
    return { mean, cov };
  });
}
