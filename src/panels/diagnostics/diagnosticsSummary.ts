// The numbers the diagnostics panel shows, derived from the worker's Diagnostics: the
// relative gradient noise (variance over squared mean norm — above 1 the noise outweighs
// the signal) and the effective sample sizes as percentages of K.
import type { Diagnostics } from '../../training/protocol';

export interface DiagnosticsSummary {
  lossMean: number;
  lossStd: number;
  gradVariance: number;
  gradMeanSquaredNorm: number;
  /** E‖g − ḡ‖² / ‖ḡ‖²; undefined when the mean gradient is zero. */
  gradRatio?: number;
  essSamples?: number;
  essPriorPercent?: number;
  essEncoderPercent?: number;
  klPerDim: number[];
  activeUnits?: number;
}

const percent = (f: number | undefined) => (f === undefined || !Number.isFinite(f) ? undefined : 100 * f);

export function summarizeDiagnostics(d: Diagnostics): DiagnosticsSummary {
  const { variance, meanSquaredNorm } = d.gradient;
  return {
    lossMean: d.lossSpread.mean,
    lossStd: d.lossSpread.std,
    gradVariance: variance,
    gradMeanSquaredNorm: meanSquaredNorm,
    gradRatio: meanSquaredNorm > 0 ? variance / meanSquaredNorm : undefined,
    essSamples: d.ess?.samples,
    essPriorPercent: percent(d.ess?.prior),
    essEncoderPercent: percent(d.ess?.encoder),
    klPerDim: d.klPerDim ?? [],
    activeUnits: d.activeUnits,
  };
}

/** The threshold (nats) above which a latent dimension counts as active, as the worker counts. */
export const ACTIVE_KL = 0.01;
