// The effective sample size of importance weights w = p(x|z) p(z) / q(z|x), for K draws from
// the prior and from the graph's encoder: the lecture's argument that prior samples almost
// never land where p(x|z) is large, while a good q(z|x) makes the weights nearly equal.
import * as tf from '@tensorflow/tfjs-core';
import { portKey, type CompiledModel } from '../../compiler/compile';
import type { DistValue, Value } from '../../nodes/runtime/types';
import { mixSeed } from '../../nodes/runtime/seeds';
import { seededNoise } from '../../nodes/runtime/noise';
import { normalisedEss } from './normalisedEss';

/** Samples per decoder pass, so K × batch × D never sits on the backend at once. */
const CHUNK = 25;

/** Mean over the batch of the normalised ESS of K weights per example. */
export async function importanceEss(model: CompiledModel, x: tf.Tensor2D, K: number, seed: number, from: 'prior' | 'proposal'): Promise<number> {
  const latent = model.latent!;
  const [B, D] = x.shape;
  const logW = new Float64Array(K * B); // [K, B]
  for (let done = 0, c = 0; done < K; done += CHUNK, c++) {
    const k = Math.min(CHUNK, K - done);
    const chunk = tf.tidy(() => {
      const ev = model.evaluator(x, mixSeed(seed, `enc${c}`));
      const prior = ev(latent.priorId, 'dist') as DistValue;
      const q = from === 'proposal' ? (ev(latent.proposalId!, 'dist') as DistValue) : prior;
      const z = q.sample(k, B, seededNoise(mixSeed(seed, `z${c}`)));
      const overrides = new Map<string, Value>([[portKey(latent.z.node, latent.z.port), z]]);
      const lik = model.evaluator(x, mixSeed(seed, `dec${c}`), overrides)(latent.likelihoodId, 'dist') as DistValue;
      const logLik = lik.logProb(tf.reshape(x, [1, B, D]));
      // With q = p the ratio p(z)/q(z) is exactly 1: leave it out rather than add rounding.
      return from === 'prior' ? logLik : tf.sub(tf.add(logLik, prior.logProb(z)), q.logProb(z));
    });
    logW.set(await chunk.data(), done * B);
    chunk.dispose();
  }
  let total = 0;
  const w = new Float64Array(K);
  for (let b = 0; b < B; b++) {
    for (let j = 0; j < K; j++) w[j] = logW[j * B + b];
    total += normalisedEss(w);
  }
  return total / B;
}
