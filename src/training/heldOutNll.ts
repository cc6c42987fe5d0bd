// Held-out negative log-likelihood per example, the number estimators are compared on:
// exact where the generative model is linear-Gaussian, otherwise importance sampling with
// K samples from the graph's proposal q(z|x) if it has one, else from the prior.
import * as tf from '@tensorflow/tfjs-core';
import type { CompiledModel } from '../compiler/compile';
import { portKey } from '../compiler/compile';
import type { DistValue, Value } from '../nodes/runtime/types';
import { ppcaNll } from '../math/ppcaTf';
import { rows, type Dataset } from '../data/dataset';
import { mixSeed } from '../nodes/runtime/seeds';
import { seededNoise } from '../nodes/runtime/noise';

export const EXACT_METHOD = 'exact marginal likelihood (linear-Gaussian)';

export interface NllEstimate {
  nll: number;
  method: string;
  /** Stopped part-way: the estimate covers only the examples done (the method says how many). */
  partial?: boolean;
}

export interface NllOptions {
  samples: number;
  seed: number;
  /** Examples per batch; the K samples of a batch are drawn in chunks of `chunk`. */
  batchSize?: number;
  chunk?: number;
  /** Called after each batch with the fraction done, so long evaluations show progress. */
  onProgress?: (fraction: number) => void;
  /** Checked between chunks of samples: a stopped run is not held up by its evaluation. */
  shouldStop?: () => boolean;
  /** Lets the host's messages (a Stop) through between chunks. */
  yieldNow?: () => Promise<void>;
  /** Added to the method: how the held-out data were prepared ("test set binarised once (seed 1)"). */
  dataNote?: string;
}

export async function heldOutNll(model: CompiledModel, ds: Dataset, opts: NllOptions): Promise<NllEstimate> {
  if (ds.n === 0) return { nll: NaN, method: 'no held-out data' };
  const lg = model.linearGaussian;
  const base = lg
    ? EXACT_METHOD
    : `importance sampling, K = ${opts.samples}, proposal ${model.latent?.proposalId ? 'q(z|x) from the graph' : 'the prior p(z) (the graph has no q)'}`;
  const method = opts.dataNote ? `${base}, ${opts.dataNote}` : base;
  if (!lg && !model.latent) return { nll: NaN, method: 'unavailable: the loss has no latent variable to integrate' };
  const batchSize = opts.batchSize ?? (lg ? 1000 : Math.max(1, Math.min(100, Math.floor(20000 / opts.samples) || 1)));
  let total = 0;
  let done = 0;
  for (let start = 0; start < ds.n; start += batchSize) {
    const idx = Array.from({ length: Math.min(batchSize, ds.n - start) }, (_, i) => start + i);
    const x = tf.tensor2d(rows(ds, idx), [idx.length, ds.d]);
    try {
      const nll = lg
        ? tf.tidy(() => tf.sum(ppcaNll(x, lg.W(), lg.b(), lg.logNu2, lg.logSigma2)))
        : await importanceBatch(model, x, opts.samples, opts.chunk ?? 50, mixSeed(opts.seed, start), opts);
      if (!nll) break; // stopped within the batch: its partial sums are not an estimate
      total += (await nll.data())[0];
      nll.dispose();
    } finally {
      x.dispose();
    }
    done += idx.length;
    opts.onProgress?.(Math.min(1, done / ds.n));
    if (opts.shouldStop?.()) break;
  }
  if (done === ds.n) return { nll: total / ds.n, method };
  if (done === 0) return { nll: NaN, method: `not measured: the run was stopped before the held-out NLL (${method}) was done on one test example`, partial: true };
  return { nll: total / done, method: `${method}, on the first ${done} of ${ds.n} test examples (stopped)`, partial: true };
}

/**
 * Summed −log p̂(x) over a batch, accumulating log Σ_k w_k across chunks of samples;
 * undefined when stopped between chunks (with K = 100,000 one batch is minutes of work).
 */
async function importanceBatch(model: CompiledModel, x: tf.Tensor2D, K: number, chunk: number, seed: number, stop: Pick<NllOptions, 'shouldStop' | 'yieldNow'>): Promise<tf.Scalar | undefined> {
  const latent = model.latent!;
  const [B, D] = x.shape;
  let acc: tf.Tensor1D | undefined;
  let lastYield = performance.now();
  for (let done = 0, c = 0; done < K; done += chunk, c++) {
    if (stop.shouldStop?.()) {
      acc?.dispose();
      return undefined;
    }
    if (stop.yieldNow && performance.now() - lastYield > 8) {
      // The chunk's work is queued on the device; wait for it so the yield is real.
      if (acc) await acc.data();
      await stop.yieldNow();
      lastYield = performance.now();
    }
    const k = Math.min(chunk, K - done);
    const next = tf.tidy(() => {
      const ev = model.evaluator(x, mixSeed(seed, `enc${c}`));
      const prior = ev(latent.priorId, 'dist') as DistValue;
      const proposal = latent.proposalId ? (ev(latent.proposalId, 'dist') as DistValue) : prior;
      const z = proposal.sample(k, B, seededNoise(mixSeed(seed, `z${c}`)));
      const overrides = new Map<string, Value>([[portKey(latent.z.node, latent.z.port), z]]);
      overrides.set(portKey(latent.priorId, 'dist'), prior);
      if (latent.proposalId) overrides.set(portKey(latent.proposalId, 'dist'), proposal);
      const lik = model.evaluator(x, mixSeed(seed, `dec${c}`), overrides)(latent.likelihoodId, 'dist') as DistValue;
      const logW = tf.sub(tf.add(lik.logProb(tf.reshape(x, [1, B, D])), prior.logProb(z)), proposal.logProb(z));
      const lse = tf.logSumExp(logW, 0) as tf.Tensor1D;
      return acc ? (tf.logSumExp(tf.stack([acc, lse]), 0) as tf.Tensor1D) : lse;
    });
    acc?.dispose();
    acc = next;
  }
  const out = tf.tidy(() => tf.neg(tf.sum(tf.sub(acc!, Math.log(K)))) as tf.Scalar);
  acc!.dispose();
  return out;
}
