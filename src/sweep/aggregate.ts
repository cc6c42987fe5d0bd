// Each cell's runs summed up over seeds: the mean and the sample standard deviation (n − 1)
// of each measurement, over the runs that finished; and the cell's status in one line.

export type RunStatus = 'ok' | 'failed' | 'diverged' | 'stopped';

/** One (cell, seed) run, as measured. */
export interface RunOutcome {
  cell: number;
  seed: number;
  status: RunStatus;
  /** One line: why it failed, diverged or stopped. */
  reason?: string;
  /** Wall-clock seconds of the run (data, calibration, training, evaluation); none for a cell that failed before it could train. */
  seconds?: number;
  final?: { trainLoss: number; testLoss: number; testNll: number; testNllMethod: string };
  epochs?: number;
  backend?: string;
  /** The result JSON `npm run train` writes for this run. */
  result?: unknown;
}

export interface Stat {
  mean: number;
  /** Sample standard deviation (n − 1); undefined for n = 1. */
  sd: number | undefined;
  n: number;
}

export const MEASURES = ['trainLoss', 'testLoss', 'testNll'] as const;
export type Measure = (typeof MEASURES)[number];

/** Mean and sample sd of the finite values; undefined when there are none. */
export function stat(xs: readonly number[]): Stat | undefined {
  const v = xs.filter((x) => Number.isFinite(x));
  const n = v.length;
  if (n === 0) return undefined;
  const mean = v.reduce((a, b) => a + b, 0) / n;
  if (n === 1) return { mean, sd: undefined, n };
  const ss = v.reduce((a, b) => a + (b - mean) ** 2, 0);
  return { mean, sd: Math.sqrt(ss / (n - 1)), n };
}

export interface CellSummary {
  index: number;
  values: string[];
  runs: RunOutcome[];
  /** Over the runs that finished. */
  stats: Record<Measure, Stat | undefined>;
  /** Seconds per run, over every run that ran. */
  seconds: Stat | undefined;
  /** How the held-out NLL was computed (exact, or importance-sampled with K samples). */
  nllMethod?: string;
  status: string;
}

const seedList = (s: number[]) => `${s.length === 1 ? 'seed' : 'seeds'} ${s.join(', ')}`;

/** "ok"; "not run"; or each problem once, with the seeds it hit: "seeds 1, 2 failed: …; seed 3 stopped: …". */
export function cellStatus(runs: RunOutcome[], seeds: number): string {
  if (runs.length === 0) return 'not run';
  const bad = runs.filter((r) => r.status !== 'ok');
  const missing = seeds - runs.length;
  const parts: string[] = [];
  const groups = new Map<string, number[]>();
  for (const r of bad) {
    const key = `${r.status}: ${r.reason ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), r.seed]);
  }
  for (const [key, s] of groups) parts.push(bad.length === seeds && groups.size === 1 ? key : `${seedList(s)} ${key}`);
  if (missing > 0) parts.push(`${missing} of ${seeds} seeds not run`);
  return parts.length ? parts.join('; ') : 'ok';
}

export function summarize(cells: { index: number; values: string[] }[], runs: RunOutcome[], seeds: number): CellSummary[] {
  return cells.map((c) => {
    const mine = runs.filter((r) => r.cell === c.index);
    const done = mine.filter((r) => r.status === 'ok' && r.final);
    const stats = Object.fromEntries(MEASURES.map((m) => [m, stat(done.map((r) => r.final![m]))])) as Record<Measure, Stat | undefined>;
    const methods = [...new Set(done.map((r) => r.final!.testNllMethod))];
    return {
      index: c.index,
      values: c.values,
      runs: mine,
      stats,
      seconds: stat(mine.filter((r) => r.status !== 'stopped' && r.seconds !== undefined).map((r) => r.seconds!)),
      ...(methods.length ? { nllMethod: methods.join('; ') } : {}),
      status: cellStatus(mine, seeds),
    };
  });
}

/** Seconds left, from the mean time of the runs so far. */
export function etaSeconds(secondsSoFar: readonly number[], runsLeft: number): number | undefined {
  if (secondsSoFar.length === 0) return undefined;
  return (secondsSoFar.reduce((a, b) => a + b, 0) / secondsSoFar.length) * runsLeft;
}

export function formatDuration(s: number): string {
  if (s < 60) return `${Math.round(s)} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
  return `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min`;
}
