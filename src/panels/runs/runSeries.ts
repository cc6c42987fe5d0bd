// The runs as uPlot columns: one x column (the union of every run's epochs) and one y
// column per run, null where a run has no value at that epoch (uPlot spans the gap).
import type { EpochRecord } from '../../training/protocol';

export type RunMetric = 'trainLoss' | 'testLoss' | 'nll';

export const METRIC_LABELS: Record<RunMetric, string> = {
  trainLoss: 'train loss',
  testLoss: 'test loss',
  nll: 'held-out NLL',
};

export interface SeriesInput {
  history: readonly EpochRecord[];
}

export type Columns = [number[], ...(number | null)[][]];

const valueOf = (r: EpochRecord, m: RunMetric): number | null => {
  const v = r[m];
  return v !== undefined && Number.isFinite(v) ? v : null;
};

export function alignRuns(runs: readonly SeriesInput[], metric: RunMetric): Columns {
  const xs = [...new Set(runs.flatMap((r) => r.history.map((h) => h.epoch)))].sort((a, b) => a - b);
  const at = new Map(xs.map((x, i) => [x, i]));
  const ys = runs.map((run) => {
    const col: (number | null)[] = new Array(xs.length).fill(null);
    for (const h of run.history) col[at.get(h.epoch)!] = valueOf(h, metric);
    return col;
  });
  return [xs, ...ys];
}

/** Whether a run has anything to draw for the metric (a run with no NLL has no line). */
export function hasMetric(run: SeriesInput, metric: RunMetric): boolean {
  return run.history.some((h) => valueOf(h, metric) !== null);
}

/** Ten distinct colours (Tableau 10), reused in order for runs and for digit labels. */
export const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];
