// What a sweep writes: sweep.md (one row per cell, "mean ± sd (n seeds)"), sweep.csv (the
// same with mean and sd in columns of their own), runs.csv (one row per cell and seed) and
// sweep.json (the grid, every run's result JSON and the aggregates).
import Papa from 'papaparse';
import { MEASURES, type CellSummary, type Measure, type Stat } from './aggregate';
import type { Axis } from './resolve';

const TITLES: Record<Measure, string> = { trainLoss: 'train loss', testLoss: 'test loss', testNll: 'held-out NLL' };

/** Four decimals; tiny numbers in exponent form, so a small sd does not read as 0.0000. */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  return x !== 0 && Math.abs(x) < 1e-3 ? x.toExponential(2) : x.toFixed(4);
}

/** "12.3456 ± 0.0123 (3 seeds)"; "12.3456 ± — (1 seed)"; "—" when no run finished. */
export function formatStat(s: Stat | undefined): string {
  if (!s) return '—';
  return `${formatNumber(s.mean)} ± ${s.sd === undefined ? '—' : formatNumber(s.sd)} (${s.n} ${s.n === 1 ? 'seed' : 'seeds'})`;
}

const mdCell = (t: string) => t.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');

export function markdownTable(axes: Axis[], cells: CellSummary[]): string {
  const head = [...(axes.length ? axes.map((a) => a.name) : ['cell']), ...MEASURES.map((m) => TITLES[m]), 'time per run (s)', 'status'];
  const rows = cells.map((c) => [
    ...(axes.length ? c.values : ['the graph as it is']),
    ...MEASURES.map((m) => formatStat(c.stats[m])),
    c.seconds ? c.seconds.mean.toFixed(1) : '—',
    c.status,
  ]);
  const line = (cols: string[]) => `| ${cols.map(mdCell).join(' | ')} |`;
  const methods = [...new Set(cells.map((c) => c.nllMethod).filter((m): m is string => !!m))];
  return [
    line(head),
    line(head.map(() => '---')),
    ...rows.map(line),
    '',
    `Losses in nats per example, mean ± sample sd over the seeds that finished. Held-out NLL: ${methods.length ? methods.join('; ') : 'not measured'}.`,
  ].join('\n');
}

const num = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? '' : x);

export function sweepCsv(axes: Axis[], cells: CellSummary[]): string {
  const fields = ['cell', ...axes.map((a) => a.name), ...MEASURES.flatMap((m) => [`${m}_mean`, `${m}_sd`, `${m}_n`]), 'testNllMethod', 'secondsPerRun_mean', 'secondsPerRun_sd', 'runs', 'status'];
  const data = cells.map((c) => [
    c.index + 1,
    ...c.values,
    ...MEASURES.flatMap((m) => [num(c.stats[m]?.mean), num(c.stats[m]?.sd), c.stats[m]?.n ?? 0]),
    c.nllMethod ?? '',
    num(c.seconds?.mean),
    num(c.seconds?.sd),
    c.runs.length,
    c.status,
  ]);
  return Papa.unparse({ fields, data }) + '\n';
}

export function runsCsv(axes: Axis[], cells: CellSummary[]): string {
  const fields = ['cell', ...axes.map((a) => a.name), 'seed', 'status', 'reason', ...MEASURES, 'testNllMethod', 'epochs', 'seconds', 'backend'];
  const data = cells.flatMap((c) =>
    c.runs.map((r) => [c.index + 1, ...c.values, r.seed, r.status, r.reason ?? '', ...MEASURES.map((m) => num(r.final?.[m])), r.final?.testNllMethod ?? '', r.epochs ?? '', num(r.seconds), r.backend ?? '']),
  );
  return Papa.unparse({ fields, data }) + '\n';
}

export interface SweepInfo {
  graph: string;
  title: string;
  seeds: number[];
  /** The training flags every run used (those given; the rest are the graph's). */
  flags: Record<string, unknown>;
  stopped: boolean;
}

const statJson = (s: Stat | undefined) => (s ? { mean: s.mean, sd: s.sd ?? null, n: s.n } : null);

export function sweepJson(info: SweepInfo, axes: Axis[], cells: CellSummary[]) {
  return {
    graph: info.graph,
    title: info.title,
    grid: {
      axes: axes.map((a) => ({ set: a.arg, name: a.name, node: a.nodeId, param: a.param, values: a.values })),
      seeds: info.seeds,
      cells: cells.length,
      runs: cells.length * info.seeds.length,
    },
    flags: info.flags,
    stopped: info.stopped,
    cells: cells.map((c) => ({
      cell: c.index + 1,
      values: Object.fromEntries(axes.map((a, i) => [a.name, c.values[i]])),
      status: c.status,
      aggregates: { ...Object.fromEntries(MEASURES.map((m) => [m, statJson(c.stats[m])])), secondsPerRun: statJson(c.seconds), ...(c.nllMethod ? { testNllMethod: c.nllMethod } : {}) },
      runs: c.runs.map((r) => ({ seed: r.seed, status: r.status, ...(r.reason ? { reason: r.reason } : {}), ...(r.seconds !== undefined ? { seconds: r.seconds } : {}), ...(r.result ? { result: r.result } : {}) })),
    })),
  };
}
