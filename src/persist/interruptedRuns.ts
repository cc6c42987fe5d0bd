// A restored run whose status still says 'running' was cut off (a reload, a closed tab, a
// crash): nothing trains it any more. It is marked 'interrupted', with what it kept — the
// epochs of history and, if the weights checkpoint belongs to it, the epoch of those weights.
import type { RunRecord } from '../store/runsStore';
import type { RunCheckpoint } from './sessionDb';

const count = (n: number) => n.toLocaleString('en-US');

export function interruptionMessage(atEpoch: number, keptEpochs: number, weightsEpoch?: number): string {
  const history = `kept ${count(keptEpochs)} epoch${keptEpochs === 1 ? '' : 's'} of history`;
  const weights = weightsEpoch === undefined ? 'no weights (none were checkpointed yet)' : `the weights from epoch ${count(weightsEpoch)}`;
  return `Interrupted by a reload at epoch ${count(atEpoch)}: ${history} and ${weights}.`;
}

export interface Restored {
  runs: RunRecord[];
  /** The checkpoint to use as the trained weights (it belongs to an interrupted run). */
  checkpoint?: RunCheckpoint;
  /** One sentence per interrupted run, for the status line. */
  messages: string[];
}

/** Marks the runs that were still training; `live` is a run this page itself is training (left alone). */
export function markInterrupted(runs: RunRecord[], checkpoint: RunCheckpoint | undefined, live?: string): Restored {
  const messages: string[] = [];
  let used: RunCheckpoint | undefined;
  const out = runs.map((r) => {
    if (r.status !== 'running' || r.id === live) return r;
    const atEpoch = r.history.reduce((m, h) => Math.max(m, h.epoch), 0);
    const mine = checkpoint?.runId === r.id ? checkpoint : undefined;
    if (mine) used = mine;
    const message = interruptionMessage(atEpoch, r.history.length, mine?.epoch);
    messages.push(`${r.name}: ${message}`);
    return { ...r, status: 'interrupted' as const, interrupted: { atEpoch, keptEpochs: r.history.length, weightsEpoch: mine?.epoch, message } };
  });
  return { runs: out, checkpoint: used, messages };
}
