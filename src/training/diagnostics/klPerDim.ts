// How much of the latent the encoder uses: the analytic KL(q(z|x) ‖ p(z)) split by latent
// dimension and averaged over a batch. A dimension whose KL is ~0 carries no information
// about x (posterior collapse); the count above a threshold is the number of active units.
import * as tf from '@tensorflow/tfjs-core';
import type { CompiledModel } from '../../compiler/compile';
import type { DistValue } from '../../nodes/runtime/types';

export const ACTIVE_UNIT_THRESHOLD = 0.01;

/**
 * ½[(s² + (μ − m)²)/ν² − 1 − log s² + log ν²] per dimension, mean over samples and batch;
 * undefined unless both the proposal and the prior are Gaussians with known parameters.
 */
export async function klPerDim(model: CompiledModel, x: tf.Tensor2D, seed: number): Promise<number[] | undefined> {
  const latent = model.latent;
  if (!latent?.proposalId) return undefined;
  const perDim = tf.tidy(() => {
    const ev = model.evaluator(x, seed);
    const q = (ev(latent.proposalId!, 'dist') as DistValue).gaussian;
    const p = (ev(latent.priorId, 'dist') as DistValue).gaussian;
    if (!q || !p) return undefined;
    const diff2 = tf.square(tf.sub(q.mean, p.mean));
    const ratio = tf.mul(tf.add(tf.exp(q.logVar), diff2), tf.exp(tf.neg(p.logVar)));
    const kl = tf.mul(0.5, tf.sub(tf.add(tf.sub(ratio, 1), p.logVar), q.logVar));
    // Broadcast to the mean's shape first, so a scalar log-variance is counted for every example.
    const full = tf.add(kl, tf.zerosLike(q.mean));
    const dim = full.shape[full.rank - 1];
    return tf.mean(tf.reshape(full, [-1, dim]), 0);
  });
  if (!perDim) return undefined;
  const out = Array.from(await perDim.data());
  perDim.dispose();
  return out;
}
