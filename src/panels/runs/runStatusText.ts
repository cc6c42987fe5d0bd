// What a row of the runs list says about how its run went, in the same words as the
// progress line (runWords.ts). Any status has its own words; one this code does not know
// yet is shown as it is stored rather than dressed up as another.
import type { RunRecord } from '../../store/runsStore';
import { divergedText } from '../../store/runWords';

const WORDS: Record<string, string> = {
  running: 'running',
  finished: 'finished',
  stopped: 'stopped',
  failed: 'failed',
  interrupted: 'interrupted',
};

/** The row's status attribute: a 'running' run that this page is not training was cut off. */
export function rowStatus(run: Pick<RunRecord, 'status'>, live: boolean): string {
  return run.status === 'running' && !live ? 'interrupted' : run.status;
}

/** "diverged at epoch 4, step 17 — weights restored to the end of epoch 3", "interrupted by a reload at epoch 3: …". */
export function runStatusText(run: Pick<RunRecord, 'status' | 'diverged' | 'interrupted'>, live: boolean): string {
  if (run.diverged) return lowerFirst(divergedText(run.diverged));
  const status = rowStatus(run, live);
  if (status === 'interrupted') return run.interrupted ? lowerFirst(run.interrupted.message.replace(/\.$/, '')) : 'interrupted: the page stopped training it';
  return WORDS[status] ?? status;
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
