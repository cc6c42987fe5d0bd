// How the views reach the latent space of a compiled model, whatever the graph: encode test
// points to their mean latent, decode latents to the likelihood's mean, draw from the prior.
// All tensor functions are synchronous and leave disposal to the caller's tf.tidy.
import * as tf from '@tensorflow/tfjs-core';
import { portKey, type CompiledModel } from '../../compiler/compile';
import type { DistValue, Value } from '../../nodes/runtime/types';
import { mixSeed } from '../../nodes/runtime/seeds';
import { seededNoise } from '../../nodes/runtime/noise';
import { ppcaPosterior } from '../../math/ppcaTf';
import { rows, type Dataset } from '../../data/dataset';

/**
 * Where a test point's latent comes from:
 * - `proposal`: the mean of the graph's q(z|x), the encoder the loss trains;
 * - `exactPosterior`: E[z|x] of a linear-Gaussian model without a q (PPCA);
 * - `encoderOutput`: z is computed from x without a proposal (the autoencoder's ẑ = g(x));
 * - `none`: z does not depend on x at all (Monte Carlo with prior samples).
 */
export type EncoderKind = 'proposal' | 'exactPosterior' | 'encoderOutput' | 'none';

export interface LatentAccess {
  encoder: EncoderKind;
  /** A caption for the scatter: what a point is. */
  encoderDescription: string;
  /** Latent dimension q. */
  dim: number;
  /** Prior standard deviation ν (z ~ N(0, ν² I)), read now: it may be learned. */
  nu: number;
  /** x [B, D] → mean latent [B, q]; only when encoder ≠ 'none'. */
  encode(x: tf.Tensor2D, seed: number): tf.Tensor2D;
  /** z [M, q] → the likelihood's mean [M, D] (Bernoulli: sigmoid of the logits; Gaussian: the mean). */
  decode(z: tf.Tensor2D, seed: number): tf.Tensor2D;
  /** M draws z ~ p(z): [M, q]. */
  samplePrior(M: number, seed: number): tf.Tensor2D;
}

const DESCRIPTIONS: Record<EncoderKind, string> = {
  proposal: 'mean of q(z|x)',
  exactPosterior: 'exact posterior mean E[z|x]',
  encoderOutput: 'encoder output ẑ = g(x)',
  none: 'no encoder',
};

/** A [S, B, K] value reduced to [B, K]: the mean over S (S is 1 for every deterministic output). */
function firstAxisMean(t: tf.Tensor): tf.Tensor2D {
  return (t.rank === 3 ? tf.mean(t, 0) : t) as tf.Tensor2D;
}

export async function latentAccess(model: CompiledModel, probe: Dataset): Promise<LatentAccess | undefined> {
  const lg = model.linearGaussian;
  const latent = model.latent;
  const D = model.dataDim;

  if (latent) {
    const { dim, logNu2 } = tf.tidy(() => {
      const prior = model.evaluator(tf.zeros([1, D]), 0)(latent.priorId, 'dist') as DistValue;
      return { dim: prior.dim, logNu2: tf.mean(prior.gaussian!.logVar) };
    });
    const nu = Math.exp(0.5 * (await logNu2.data())[0]);
    logNu2.dispose();
    const zKey = portKey(latent.z.node, latent.z.port);
    // The wired encoder wins over the exact posterior: a linear autoencoder is shown by its g(x).
    const encoder: EncoderKind = latent.proposalId ? 'proposal' : (await zDependsOnX(model, probe)) ? 'encoderOutput' : lg ? 'exactPosterior' : 'none';
    return {
      encoder,
      encoderDescription: DESCRIPTIONS[encoder],
      dim,
      nu,
      encode(x, seed) {
        if (encoder === 'proposal') {
          const [B] = x.shape;
          return firstAxisMean((model.evaluator(x, seed)(latent.proposalId!, 'dist') as DistValue).mean(B));
        }
        if (encoder === 'exactPosterior') return ppcaPosterior(x, lg!.W(), lg!.b(), lg!.logNu2, lg!.logSigma2).mean;
        if (encoder === 'encoderOutput') return firstAxisMean(model.evaluator(x, seed)(latent.z.node, latent.z.port) as tf.Tensor);
        throw new Error('internal: this model has no encoder');
      },
      decode(z, seed) {
        const [M, q] = z.shape;
        // The likelihood pulls z through the decoder; the data node still needs an x of the
        // right batch size, which nothing downstream of the override reads.
        const overrides = new Map<string, Value>([[zKey, tf.reshape(z, [1, M, q])]]);
        const lik = model.evaluator(tf.zeros([M, D]), seed, overrides)(latent.likelihoodId, 'dist') as DistValue;
        return firstAxisMean(lik.mean(M));
      },
      samplePrior(M, seed) {
        const prior = model.evaluator(tf.zeros([1, D]), seed)(latent.priorId, 'dist') as DistValue;
        return tf.reshape(prior.sample(1, M, seededNoise(mixSeed(seed, 'prior'))), [M, dim]);
      },
    };
  }

  if (lg) {
    // The exact-likelihood loss has no latent port to override: decode with W and b directly.
    const nu = Math.exp(0.5 * (await lg.logNu2.data())[0]);
    return {
      encoder: 'exactPosterior',
      encoderDescription: DESCRIPTIONS.exactPosterior,
      dim: lg.q,
      nu,
      encode: (x) => ppcaPosterior(x, lg.W(), lg.b(), lg.logNu2, lg.logSigma2).mean,
      decode: (z) => tf.add(tf.matMul(z, lg.W(), false, true), lg.b()) as tf.Tensor2D,
      samplePrior: (M, seed) => tf.randomNormal([M, lg.q], 0, nu, 'float32', mixSeed(seed, 'prior')) as tf.Tensor2D,
    };
  }
  return undefined;
}

/**
 * Whether the latent z is computed from x: evaluated with the same seed on a few real rows
 * and on zeros, a z drawn from the prior comes out bit-identical, an encoder's does not.
 * The compiled model does not expose the graph, and this asks the question that matters.
 */
async function zDependsOnX(model: CompiledModel, probe: Dataset): Promise<boolean> {
  const latent = model.latent!;
  const n = Math.min(4, probe.n);
  if (n === 0) return false;
  const diff = tf.tidy(() => {
    const x = tf.tensor2d(rows(probe, Array.from({ length: n }, (_, i) => i)), [n, probe.d]);
    const zOf = (input: tf.Tensor2D) => model.evaluator(input, 1)(latent.z.node, latent.z.port) as tf.Tensor;
    return tf.max(tf.abs(tf.sub(zOf(x), zOf(tf.zerosLike(x)))));
  });
  const d = (await diff.data())[0];
  diff.dispose();
  return d > 0;
}
