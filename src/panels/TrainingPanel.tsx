// The right-hand training panel: run controls, progress, loss chart, the closed-form
// optimum, the final summary, then the settings and the backend. Training happens in the worker (through
// the shared session); this panel sends the serialized document and renders the events.
import { useCallback, useEffect, useState } from 'react';
import { useGraphStore } from '../store';
import { LossChart } from './LossChart';
import { TrainingSettingsForm } from './TrainingSettingsForm';
import { BackendLabel, ClosedFormValue, FinalSummary, TrainError } from './RunStatus';
import { ProgressView } from './ProgressBar';
import { RunControls } from './RunControls';
import { isActive } from './runState';
import { ensureClient } from './session/connection';
import { useSession } from './session/sessionStore';
import { trainOpenGraph } from './trainOpenGraph';
import { usePreflight } from './preflight';
import './panels.css';

export function TrainingPanel() {
  const state = useSession((s) => s.run);
  const runName = useSession((s) => s.runName);
  const [localError, setLocalError] = useState<string | undefined>();
  const checks = usePreflight();
  useEffect(() => void ensureClient(), []);

  const onTrain = useCallback(() => setLocalError(trainOpenGraph()), []);
  // View only (src/store/lockSlice.ts): the settings are part of the document, so they are read-only too.
  const viewOnly = useGraphStore((s) => s.viewOnly);

  const showNode = useCallback((id: string) => useGraphStore.getState().selectNode(id), []);

  // The chart comes first once a run starts, right under the controls and the progress, so
  // it is in view without scrolling on a small screen; the settings (locked while a run is
  // active) and the backend's explanation follow.
  const showChart = state.status !== 'idle' || state.epochs.length > 0;
  return (
    <section className="lc-training-panel" data-testid="training-panel" aria-label="Training">
      <h2>Training</h2>
      <RunControls onTrain={onTrain} />
      {checks.refusal && (
        <div className="lc-train-error" role="alert" data-testid="training-memory-refusal">
          {checks.refusal}
        </div>
      )}
      {checks.warnings.length > 0 && (
        <ul className="lc-train-warnings" data-testid="training-warnings">
          {checks.warnings.map((w, i) => (
            <li key={i}>{w}</li>
          ))}
        </ul>
      )}
      {runName && state.status !== 'idle' && (
        <div className="lc-run-name" data-testid="current-run-name">
          Run: {runName}
        </div>
      )}
      <ProgressView state={state} />
      <TrainError state={state} localError={localError} onShowNode={showNode} />
      {showChart && <LossChart epochs={state.epochs} closedForm={state.closedForm} />}
      <ClosedFormValue state={state} />
      <FinalSummary state={state} />
      <TrainingSettingsForm disabled={isActive(state.status) || viewOnly} />
      <BackendLabel backend={state.backend} error={state.backendError} />
    </section>
  );
}

export default TrainingPanel;
