// What the training panel knows about the current run, folded from the worker's events.
// Pure: `reduceRun(state, action)` is unit-tested; the panel keeps the state in a hook.
import type { BackendInfo, ClosedFormSummary, EpochRecord, FinalSummary, ProgressInfo, TrainEvent } from '../training/protocol';

export type RunStatus =
  /** no run yet */
  | 'idle'
  /** Train pressed, waiting for the worker's 'started' */
  | 'starting'
  | 'running'
  | 'pausing'
  | 'paused'
  | 'stopping'
  | 'finished'
  | 'stopped'
  | 'failed';

export interface RunInfo {
  dataDim: number;
  nTrain: number;
  nTest: number;
  stepsPerEpoch: number;
}

export interface RunState {
  status: RunStatus;
  /** Epochs the run was asked for (from the settings when Train was pressed). */
  plannedEpochs?: number;
  backend?: BackendInfo;
  /** Set when the worker could not report its backend. */
  backendError?: string;
  info?: RunInfo;
  closedForm?: ClosedFormSummary;
  progress?: ProgressInfo;
  epochs: EpochRecord[];
  final?: FinalSummary;
  finalSamplesPerSec?: number;
  error?: { message: string; nodeId?: string };
  /** What the worker is doing before the first step ("Measuring the backends…"). */
  statusMessage?: string;
}

export type RunAction =
  | { type: 'backend'; backend: BackendInfo }
  | { type: 'backend-error'; message: string }
  | { type: 'train-requested'; epochs: number }
  | { type: 'pause-requested' }
  | { type: 'stop-requested' }
  | { type: 'event'; event: TrainEvent }
  /** The worker's train() promise settled without a 'done' or 'error' event. */
  | { type: 'train-ended' }
  /** A call to the worker failed (it could not start, or died). */
  | { type: 'failure'; message: string };

export const initialRunState: RunState = { status: 'idle', epochs: [] };

export const isActive = (s: RunStatus): boolean =>
  s === 'starting' || s === 'running' || s === 'pausing' || s === 'paused' || s === 'stopping';

function reduceEvent(state: RunState, e: TrainEvent): RunState {
  switch (e.type) {
    case 'started':
      return {
        ...state,
        status: state.status === 'stopping' ? 'stopping' : 'running',
        backend: e.backend,
        backendError: undefined,
        info: { dataDim: e.dataDim, nTrain: e.nTrain, nTest: e.nTest, stepsPerEpoch: e.stepsPerEpoch },
        closedForm: e.closedForm,
        statusMessage: undefined,
      };
    case 'progress':
      return { ...state, progress: e.progress };
    case 'epoch': {
      // Epoch records arrive in order; a repeated epoch number replaces the earlier one.
      const last = state.epochs[state.epochs.length - 1];
      const epochs =
        last && last.epoch >= e.record.epoch
          ? [...state.epochs.filter((r) => r.epoch < e.record.epoch), e.record]
          : [...state.epochs, e.record];
      return { ...state, epochs };
    }
    case 'paused':
      // Only a live run can pause (a late confirmation after 'done' changes nothing).
      return isActive(state.status) && state.status !== 'stopping' ? { ...state, status: 'paused' } : state;
    case 'resumed':
      return isActive(state.status) && state.status !== 'stopping' ? { ...state, status: 'running' } : state;
    case 'done':
      return {
        ...state,
        status: e.reason === 'stopped' ? 'stopped' : 'finished',
        final: e.final,
        finalSamplesPerSec: e.samplesPerSec,
      };
    case 'error':
      return { ...state, status: 'failed', error: { message: e.message, nodeId: e.nodeId } };
    case 'status':
      return isActive(state.status) ? { ...state, statusMessage: e.message } : state;
    case 'views':
      return state;
  }
}

export function reduceRun(state: RunState, action: RunAction): RunState {
  switch (action.type) {
    case 'backend':
      return { ...state, backend: action.backend, backendError: undefined };
    case 'backend-error':
      return { ...state, backendError: action.message };
    case 'train-requested':
      // A new run starts from a clean slate, keeping what we know about the backend.
      return { status: 'starting', plannedEpochs: action.epochs, backend: state.backend, backendError: state.backendError, epochs: [] };
    case 'pause-requested':
      return state.status === 'running' ? { ...state, status: 'pausing' } : state;
    case 'stop-requested':
      return isActive(state.status) ? { ...state, status: 'stopping' } : state;
    case 'event':
      return reduceEvent(state, action.event);
    case 'train-ended':
      if (!isActive(state.status)) return state;
      return state.status === 'stopping' ? { ...state, status: 'stopped' } : { ...state, status: 'finished' };
    case 'failure':
      return { ...state, status: isActive(state.status) || state.status === 'idle' ? 'failed' : state.status, error: { message: action.message } };
  }
}
