// The lecture's comparison of estimators in numbers, on one fixed held-out batch: how much
// the loss and its gradient vary between draws, how effective the importance weights are
// (prior vs encoder), and how many latent dimensions the encoder uses.
import * as tf from '@tensorflow/tfjs-core';
import type { CompiledModel } from '../../compiler/compile';
import { mixSeed } from '../../nodes/runtime/seeds';
import { rows, type Dataset } from '../../data/dataset';
import type { Diagnostics } from '../protocol';
import { lossGradientSpread } from './lossGradientSpread';
import { importanceEss } from './importanceEss';
import { klPerDim, ACTIVE_UNIT_THRESHOLD } from './klPerDim';

export const DIAGNOSTIC_DEFAULTS = { batchSize: 64, essSamples: 100 } as const;

export interface DiagnosticsOptions {
  /** Re-estimates of the loss and gradient with different seeds (at least 1). */
  repeats: number;
  /** Examples in the fixed test batch: the first ones of the test set. */
  batchSize?: number;
  /** K, the importance samples per example for the ESS. */
  essSamples?: number;
  seed: number;
}

export async function computeDiagnostics(model: CompiledModel, test: Dataset, opts: DiagnosticsOptions): Promise<Diagnostics> {
  const repeats = Math.max(1, Math.floor(opts.repeats));
  const B = Math.min(test.n, opts.batchSize ?? DIAGNOSTIC_DEFAULTS.batchSize);
  if (B === 0) return { repeats, lossSpread: { mean: NaN, std: NaN }, gradient: { variance: NaN, meanSquaredNorm: NaN } };
  const x = tf.tensor2d(rows(test, Array.from({ length: B }, (_, i) => i)), [B, test.d]);
  try {
    const out: Diagnostics = { repeats, ...(await lossGradientSpread(model, x, repeats, mixSeed(opts.seed, 'spread'))) };
    if (model.latent) {
      const K = Math.max(1, Math.floor(opts.essSamples ?? DIAGNOSTIC_DEFAULTS.essSamples));
      out.ess = { samples: K, prior: await importanceEss(model, x, K, mixSeed(opts.seed, 'essPrior'), 'prior') };
      if (model.latent.proposalId) out.ess.encoder = await importanceEss(model, x, K, mixSeed(opts.seed, 'essEncoder'), 'proposal');
      const kl = await klPerDim(model, x, mixSeed(opts.seed, 'kl'));
      if (kl) {
        out.klPerDim = kl;
        out.activeUnits = kl.filter((v) => v > ACTIVE_UNIT_THRESHOLD).length;
      }
    }
    return out;
  } finally {
    x.dispose();
  }
}
