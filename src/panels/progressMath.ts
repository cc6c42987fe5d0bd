// How far a run is and how long it has left, from the worker's progress report. The
// remaining time uses the measured training rate (samples/s over optimisation steps only),
// so the per-epoch evaluation makes the real wait a little longer than the estimate.
import type { ProgressInfo } from '../training/protocol';

/** Steps done over steps planned, in [0, 1]. */
export function progressFraction(p: Pick<ProgressInfo, 'epoch' | 'epochs' | 'step' | 'stepsPerEpoch'>): number {
  const total = p.epochs * p.stepsPerEpoch;
  if (!(total > 0)) return 0;
  const done = (p.epoch - 1) * p.stepsPerEpoch + p.step;
  return Math.min(1, Math.max(0, done / total));
}

/**
 * Milliseconds left at the measured rate; undefined until there is a rate. `samplesPerStep`
 * is the batch size (nTrain / stepsPerEpoch on average, as the last batch may be short).
 */
export function remainingMs(p: ProgressInfo, samplesPerStep: number): number | undefined {
  if (!(p.samplesPerSec > 0) || !(samplesPerStep > 0)) return undefined;
  const stepsLeft = Math.max(0, p.epochs * p.stepsPerEpoch - ((p.epoch - 1) * p.stepsPerEpoch + p.step));
  return (stepsLeft * samplesPerStep * 1000) / p.samplesPerSec;
}

/** "0:07", "12:34", "1:02:03". */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '—';
  const s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}
