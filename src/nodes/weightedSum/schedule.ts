// A linear warm-up on one coefficient: it grows from 0 at the first step to its value after
// N steps (or N epochs) and stays there. Outside training (evaluation, the held-out loss)
// the schedule is at its end, so what is reported is the objective the run is heading to.
import type { TrainingProgress } from '../runtime/types';

export interface WarmUp {
  unit: 'steps' | 'epochs';
  length: number;
}

export function warmUpFactor(w: WarmUp, progress: TrainingProgress | undefined): number {
  if (!progress) return 1;
  const t = w.unit === 'steps' ? progress.step : progress.step / Math.max(1, progress.stepsPerEpoch);
  return Math.min(1, t / w.length);
}
