// Train and the loss chart, for the embed view and the presentation: the run controls'
// Train/Stop, the progress, the chart, and why training could not start.
import { useEffect, useState } from 'react';
import { LossChart } from '../../panels/LossChart';
import { ProgressView } from '../../panels/ProgressBar';
import { TrainError } from '../../panels/RunStatus';
import { isActive } from '../../panels/runState';
import { ensureClient } from '../../panels/session/connection';
import { stopRun } from '../../panels/session/runActions';
import { useSession } from '../../panels/session/sessionStore';
import { trainOpenGraph } from '../../panels/trainOpenGraph';
import { useGraphStore } from '../../store';
import '../../panels/panels.css';

export function TrainBox({ chartHeight = 160 }: { chartHeight?: number }) {
  const state = useSession((s) => s.run);
  const [localError, setLocalError] = useState<string | undefined>();
  useEffect(() => void ensureClient(), []);
  const active = isActive(state.status);
  return (
    <section className="lc-train-box" data-testid="train-box" aria-label="Training">
      <div className="lc-run-controls" role="toolbar" aria-label="Run controls">
        <button type="button" data-testid="train-button" disabled={active} onClick={() => setLocalError(trainOpenGraph())}>
          Train
        </button>
        <button type="button" data-testid="stop-button" disabled={!active} onClick={stopRun}>
          Stop
        </button>
      </div>
      <ProgressView state={state} />
      <TrainError state={state} localError={localError} onShowNode={(id) => useGraphStore.getState().selectNode(id)} />
      <LossChart epochs={state.epochs} closedForm={state.closedForm} height={chartHeight} />
    </section>
  );
}
