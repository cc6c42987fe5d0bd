// The right-hand training panel: settings, run controls, backend, progress, loss chart,
// the closed-form optimum and the final summary. Training happens in the worker; this
// panel only sends the serialized document and renders the events that come back.
import { useCallback, useState } from 'react';
import { useGraphStore } from '../store';
import { serializeGraph } from '../graph/parse';
import { LossChart } from './LossChart';
import { TrainingSettingsForm } from './TrainingSettingsForm';
import { BackendLabel, ClosedFormValue, FinalSummary, ProgressLabel, TrainError } from './RunStatus';
import { isActive } from './runState';
import { useTrainer } from './useTrainer';
import type { WorkerFactory } from './trainerClient';
import './panels.css';

export interface TrainingPanelProps {
  /** Where the worker comes from; the app leaves it unset (workers/trainer.worker.ts). */
  workerFactory?: WorkerFactory;
}

export function TrainingPanel({ workerFactory }: TrainingPanelProps = {}) {
  const { state, train, pause, resume, stop } = useTrainer(workerFactory);
  const [localError, setLocalError] = useState<string | undefined>();
  const active = isActive(state.status);

  const onTrain = useCallback(() => {
    const doc = useGraphStore.getState().doc;
    let json: string;
    try {
      json = serializeGraph(doc);
    } catch (err) {
      setLocalError(`The graph could not be prepared for training: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    setLocalError(undefined);
    train(json, doc.training.epochs);
  }, [train]);

  const showNode = useCallback((id: string) => {
    useGraphStore.getState().selectNode(id);
  }, []);

  return (
    <section className="lc-training-panel" data-testid="training-panel" aria-label="Training">
      <h2>Training</h2>
      <BackendLabel backend={state.backend} error={state.backendError} />
      <TrainingSettingsForm disabled={active} />
      <div className="lc-run-controls" role="toolbar" aria-label="Run controls">
        <button type="button" data-testid="train-button" disabled={active} onClick={onTrain}>
          Train
        </button>
        <button type="button" data-testid="pause-button" disabled={state.status !== 'running'} onClick={pause}>
          Pause
        </button>
        <button type="button" data-testid="resume-button" disabled={state.status !== 'paused'} onClick={resume}>
          Resume
        </button>
        <button
          type="button"
          data-testid="stop-button"
          disabled={!(state.status === 'starting' || state.status === 'running' || state.status === 'pausing' || state.status === 'paused')}
          onClick={stop}
        >
          Stop
        </button>
      </div>
      <ProgressLabel state={state} />
      <TrainError state={state} localError={localError} onShowNode={showNode} />
      <LossChart epochs={state.epochs} closedForm={state.closedForm} />
      <ClosedFormValue state={state} />
      <FinalSummary state={state} />
    </section>
  );
}

export default TrainingPanel;
