// How far the run is: a bar over all planned steps, and a line with epoch and step,
// throughput, elapsed and remaining time. An ended run leads with how it ended, in the
// words every panel uses (outcomeText): a diverged or failed run never reads as trained.
// The label keeps its test id and data attributes (data-outcome: how it ended).
import { progressFraction } from './progressMath';
import { progressText } from './progressText';
import type { RunState } from './runState';

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
      <div className="lc-progress" data-testid="progress-label" data-status={state.status} data-epoch={p?.epoch ?? state.epochs.length} data-outcome={state.outcome?.kind} aria-live="polite">
        {progressText(state)}
      </div>
    </div>
  );
}
