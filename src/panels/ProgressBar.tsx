// How far the run is: a bar over all planned steps, and a line with epoch and step,
// throughput, elapsed and remaining time. The label keeps its test id and data attributes.
import { formatRate } from './format';
import { formatDuration, progressFraction, remainingMs } from './progressMath';
import type { RunState } from './runState';

const PREFIX: Partial<Record<RunState['status'], string>> = {
  paused: 'Paused · ',
  pausing: 'Pausing… · ',
  stopping: 'Stopping… · ',
  finished: 'Finished · ',
  stopped: 'Stopped · ',
};

function progressText(state: RunState): string {
  const p = state.progress;
  switch (state.status) {
    case 'idle':
      return 'Not trained yet.';
    case 'starting':
      return state.statusMessage ?? 'Starting: compiling the graph and loading data…';
    case 'failed':
      return state.epochs.length > 0 ? `Failed after epoch ${state.epochs.length}.` : 'Training did not start.';
  }
  const parts = [`Epoch ${p?.epoch ?? state.epochs.length}/${p?.epochs ?? state.plannedEpochs ?? '?'}`];
  if (p) parts.push(`step ${p.step}/${p.stepsPerEpoch}`);
  parts.push(`${formatRate(state.finalSamplesPerSec ?? p?.samplesPerSec)} samples/s`);
  if (p) parts.push(`${formatDuration(p.elapsedMs)} elapsed`);
  const left = p && state.info && (state.status === 'running' || state.status === 'paused' || state.status === 'pausing') ? remainingMs(p, state.info.nTrain / state.info.stepsPerEpoch) : undefined;
  if (left !== undefined) parts.push(`~${formatDuration(left)} left`);
  if (state.backend) parts.push(state.backend.name);
  return (PREFIX[state.status] ?? '') + parts.join(' · ');
}

export function ProgressView({ state }: { state: RunState }) {
  const p = state.progress;
  const done = state.status === 'finished';
  const percent = done ? 100 : p ? Math.round(progressFraction(p) * 1000) / 10 : 0;
  return (
    <div className="lc-progress-block">
      <div
        className={`lc-progress-bar lc-status-${state.status}`}
        role="progressbar"
        aria-label="Training progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        data-testid="progress-bar"
      >
        <div className="lc-progress-fill" style={{ transform: `scaleX(${percent / 100})` }} />
      </div>
      <div className="lc-progress" data-testid="progress-label" data-status={state.status} data-epoch={p?.epoch ?? state.epochs.length} aria-live="polite">
        {progressText(state)}
      </div>
    </div>
  );
}
