// What a run reports when Stop came before its careful measurements: never a wait of
// minutes for them, and never a number without saying where it came from.
import type { EpochRecord, FinalSummary, TrainEvent } from './protocol';
import type { RunOptions, RunResult } from './run';

/**
 * A stopped run is not held up by the careful held-out NLL (K samples on every test example
 * can take minutes): it reports the last epoch's quick estimate, and says so.
 */
export function stoppedEstimate(last: EpochRecord | undefined): { nll: number; method: string } {
  if (last?.nll !== undefined) return { nll: last.nll, method: `quick estimate after epoch ${last.epoch} (the run was stopped before the full held-out evaluation)` };
  return { nll: NaN, method: 'not measured: the run was stopped before the held-out evaluation' };
}

/** Stop was pressed before the first step (while the data loaded or the backends were measured). */
export function stoppedBeforeStart(opts: RunOptions, emit: (e: TrainEvent) => void, backend: string): RunResult {
  const final: FinalSummary = { trainLoss: NaN, testLoss: NaN, testNll: NaN, testNllMethod: 'not measured: the run was stopped before training started' };
  emit({ type: 'done', reason: 'stopped', final, samplesPerSec: 0 });
  return { title: opts.doc.meta.title, backend, epochs: 0, history: [], final, samplesPerSec: 0, stopped: true };
}
