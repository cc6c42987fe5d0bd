// The right-hand training panel: run controls, progress, loss chart, the closed-form
// optimum, the final summary, then the settings and the backend. Training happens in the worker (through
// the shared session); this panel sends the serialized document and renders the events.
import { useCallback, useEffect, useState } from 'react';
import { useGraphStore } from '../store';
import { serializeGraph } from '../graph/parse';
import { uniqueRunName, useRunsStore } from '../store/runsStore';
import { LossChart } from './LossChart';
import { TrainingSettingsForm } from './TrainingSettingsForm';
import { BackendLabel, ClosedFormValue, FinalSummary, TrainError } from './RunStatus';
import { ProgressView } from './ProgressBar';
import { RunControls } from './RunControls';
import { isActive } from './runState';
import { ensureClient } from './session/connection';
import { startTraining } from './session/runActions';
import { useSession } from './session/sessionStore';
import { estimatorName } from './runs/estimatorName';
import { usePreflight } from './preflight';
import './panels.css';

export function TrainingPanel() {
  const state = useSession((s) => s.run);
  const runName = useSession((s) => s.runName);
  const [localError, setLocalError] = useState<string | undefined>();
  const checks = usePreflight();
  useEffect(() => void ensureClient(), []);

  const onTrain = useCallback(() => {
    const doc = useGraphStore.getState().doc;
    let docJson: string;
    try {
      docJson = serializeGraph(doc);
    } catch (err) {
      setLocalError(`The graph could not be prepared for training: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    setLocalError(undefined);
    const name = uniqueRunName(`${estimatorName(doc)} · lr ${doc.training.learningRate}`, useRunsStore.getState().runs);
    startTraining({ docJson, settings: doc.training, name, startPaused: useSession.getState().startPaused });
  }, []);

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
      <TrainingSettingsForm disabled={isActive(state.status)} />
      <BackendLabel backend={state.backend} error={state.backendError} />
    </section>
  );
}

export default TrainingPanel;
