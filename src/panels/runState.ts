// What the training panel knows about the current run, folded from the worker's events.
// Pure: `reduceRun(state, action)` is unit-tested; the panel keeps the state in a hook.
import type { BackendInfo, ClosedFormSummary, DivergenceInfo, EpochRecord, FinalSummary, ProgressInfo, TrainEvent } from '../training/protocol';
import { divergedText, positionText } from '../store/runWords';

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

/** Where a run was when something happened to it (the last step the worker reported). */
export interface RunPosition {
  epoch: number;
  /** 1-based; 0 when no step of that epoch was reported. */
  step: number;
}

/**
 * How the run ended, in enough detail to say it truthfully: a diverged run is not a
 * finished one, a run that failed mid-way did start, and a worker that died interrupted it.
 */
export type RunOutcome =
  | { kind: 'finished'; epochs: number }
  | { kind: 'stopped'; at: RunPosition }
  | { kind: 'diverged'; diverged: DivergenceInfo }
  /** An error after training had started. */
  | { kind: 'failed'; at: RunPosition }
  /** An error before the first step: the graph did not compile, the data did not load… */
  | { kind: 'not-started' }
  /** The training worker stopped (crashed, or could not be reached) during the run. */
  | { kind: 'interrupted'; at: RunPosition };

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
  /** Where the run diverged and which weights the worker restored (from its error event). */
  diverged?: DivergenceInfo;
  /** Set when the run is over: how it ended. */
  outcome?: RunOutcome;
  /** What the worker is doing before the first step ("Measuring the backends…"). */
  statusMessage?: string;
  /** The final held-out evaluation under way: K and the fraction of the test set done. */
  evaluating?: { what: string; samples: number; fraction: number };
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

/** The last position the worker reported (progress, else the epochs it finished). */
export function lastPosition(state: RunState): RunPosition {
  const p = state.progress;
  if (p) return { epoch: p.epoch, step: p.step };
  return { epoch: state.epochs.length + 1, step: 0 };
}

/** The run failed: did it diverge, had it started at all? */
function failedOutcome(state: RunState, diverged: DivergenceInfo | undefined): RunOutcome {
  if (diverged) return { kind: 'diverged', diverged };
  return state.info ? { kind: 'failed', at: lastPosition(state) } : { kind: 'not-started' };
}

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
    case 'evaluating':
      return isActive(state.status) ? { ...state, evaluating: { what: e.what, samples: e.samples, fraction: e.fraction } } : state;
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
        evaluating: undefined,
        final: e.final,
        finalSamplesPerSec: e.samplesPerSec,
        outcome: e.reason === 'stopped' ? { kind: 'stopped', at: lastPosition(state) } : { kind: 'finished', epochs: state.epochs.length },
      };
    case 'error':
      return { ...state, status: 'failed', evaluating: undefined, error: { message: e.message, nodeId: e.nodeId }, diverged: e.diverged, outcome: failedOutcome(state, e.diverged) };
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
      return state.status === 'stopping'
        ? { ...state, status: 'stopped', outcome: { kind: 'stopped', at: lastPosition(state) } }
        : { ...state, status: 'finished', outcome: { kind: 'finished', epochs: state.epochs.length } };
    case 'failure': {
      // A worker that dies after its run ended leaves that run's outcome as it was.
      if (!isActive(state.status) && state.status !== 'idle') return { ...state, error: { message: action.message } };
      const outcome: RunOutcome = state.info ? { kind: 'interrupted', at: lastPosition(state) } : { kind: 'not-started' };
      return { ...state, status: 'failed', error: { message: action.message }, outcome: state.status === 'idle' ? undefined : outcome };
    }
  }
}

/**
 * How the run ended, as the sentence every panel shows: "Diverged at epoch 4, step 17 —
 * weights restored to the end of epoch 3", "Stopped at epoch 2, step 5", "Training did not start".
 */
export function outcomeText(o: RunOutcome): string {
  switch (o.kind) {
    case 'finished':
      return `Finished ${o.epochs.toLocaleString('en-US')} epoch${o.epochs === 1 ? '' : 's'}`;
    case 'stopped':
      return `Stopped ${positionText(o.at)}`;
    case 'diverged':
      return divergedText(o.diverged);
    case 'failed':
      return `Failed ${positionText(o.at)}`;
    case 'not-started':
      return 'Training did not start';
    case 'interrupted':
      return `Interrupted ${positionText(o.at)}: the training worker stopped`;
  }
}
