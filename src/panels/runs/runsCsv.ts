// The runs as one CSV table: one row per run × epoch, so a spreadsheet or pandas can
// pivot or plot them. Losses in nats per example; an epoch without an NLL leaves it empty.
import type { RunRecord } from '../../store/runsStore';

export const RUNS_CSV_HEADER = 'run,epoch,trainLoss,testLoss,nll';

/** RFC 4180 quoting: a field with a comma, quote or line break is quoted, quotes doubled. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

// NaN and Infinity are kept as text: a diverged run is a finding, not a blank.
const num = (v: number | undefined): string => (v === undefined ? '' : String(v));

export function runsToCsv(runs: readonly Pick<RunRecord, 'name' | 'history'>[]): string {
  const lines = [RUNS_CSV_HEADER];
  for (const run of runs) {
    for (const r of run.history) lines.push([csvField(run.name), r.epoch, num(r.trainLoss), num(r.testLoss), num(r.nll)].join(','));
  }
  return lines.join('\n') + '\n';
}
