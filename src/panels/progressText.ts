// The progress line's words: where a live run is, and how an ended one ended (outcomeText,
// the words every panel uses), so a diverged or failed run never reads as trained.
import { formatRate } from './format';
import { formatDuration, remainingMs } from './progressMath';
import { isActive, outcomeText, type RunState } from './runState';

const PREFIX: Partial<Record<RunState['status'], string>> = {
  paused: 'Paused · ',
  pausing: 'Pausing… · ',
  stopping: 'Stopping… · ',
  finished: 'Finished · ',
};

export function progressText(state: RunState): string {
  const p = state.progress;
  switch (state.status) {
    case 'idle':
      return 'Not trained yet.';
    case 'starting':
      return state.statusMessage ?? 'Starting: compiling the graph and loading data…';
    case 'failed':
      // Without an outcome the worker failed before any run was asked for.
      return state.outcome ? `${outcomeText(state.outcome)}.` : 'Not trained: the training worker is not available.';
  }
  // After the last epoch: the final held-out evaluation (K samples per example: minutes).
  const ev = state.evaluating;
  if (ev && isActive(state.status)) return (PREFIX[state.status] ?? '') + [evaluatingText(ev), ...(p ? [`${formatDuration(p.elapsedMs)} training`] : []), ...(state.backend ? [state.backend.name] : [])].join(' · ');
  // A stopped run says where it stopped instead of the running count.
  const stoppedAt = state.status === 'stopped' && state.outcome ? outcomeText(state.outcome) : undefined;
  const parts = stoppedAt ? [stoppedAt] : [`Epoch ${p?.epoch ?? state.epochs.length}/${p?.epochs ?? state.plannedEpochs ?? '?'}`];
  if (p && !stoppedAt) parts.push(`step ${p.step}/${p.stepsPerEpoch}`);
  parts.push(`${formatRate(state.finalSamplesPerSec ?? p?.samplesPerSec)} samples/s`);
  if (p) parts.push(`${formatDuration(p.elapsedMs)} elapsed`);
  const left = p && state.info && (state.status === 'running' || state.status === 'paused' || state.status === 'pausing') ? remainingMs(p, state.info.nTrain / state.info.stepsPerEpoch) : undefined;
  if (left !== undefined) parts.push(`~${formatDuration(left)} left`);
  if (state.backend) parts.push(state.backend.name);
  return (PREFIX[state.status] ?? '') + parts.join(' · ');
}


/** "Held-out NLL, K = 5,000: 40 %". */
export function evaluatingText(ev: NonNullable<RunState['evaluating']>): string {
  const what = ev.what === 'held-out NLL' ? 'Held-out NLL' : ev.what;
  return `${what}, K = ${ev.samples.toLocaleString('en-US')}: ${Math.floor(Math.min(1, Math.max(0, ev.fraction)) * 100)} %`;
}
