// Train, pause, resume, stop and single-step, for the panel's buttons and the runs'
// variant menu alike. Every run is recorded in the runs store; progress and epoch events
// are coalesced so a fast worker cannot flood React; a finished run's views are fetched once.
import type { TrainingSettings } from '../../graph/document';
import type { TrainEvent } from '../../training/protocol';
import { initialWeightsFor } from '../../store/trainedWeights';
import { TrainerDisposedError } from '../trainerClient';
import { currentClient, ensureClient } from './connection';
import { dropPendingViews, refreshViews } from './modelQueries';
import { recordRun } from './runRecorder';
import { dispatchRun, messageOf, useSession } from './sessionStore';
import { reduceRun } from '../runState';

/**
 * At most this often (ms) progress and epoch events reach React; other events go at once.
 * A small model finishes hundreds of epochs a second, and each update re-renders the panel
 * and redraws the loss chart: one update per interval keeps the main thread free.
 */
const PROGRESS_INTERVAL_MS = 100;
/** How often the worker sends model views while training. */
export const VIEWS_EVERY_MS = 1500;

export interface TrainRequest {
  /** The graph to train, serialized (a snapshot: editing the graph later does not touch the run). */
  docJson: string;
  settings: TrainingSettings;
  name: string;
  startPaused?: boolean;
}

let runSeq = 0;

export function startTraining(req: TrainRequest): string {
  const client = ensureClient();
  const seq = ++runSeq;
  const live = () => seq === runSeq;
  const recorder = recordRun(req.name, req.docJson, req.settings);
  dropPendingViews();
  useSession.setState({ runId: recorder.id, runName: req.name, views: undefined, viewsState: 'idle', diagnostics: undefined, diagnosticsState: 'idle', diagnosticsMessage: undefined });
  dispatchRun({ type: 'train-requested', epochs: req.settings.epochs });

  // Epochs in order, then only the latest progress (it replaces the ones before it).
  let pendingEpochs: TrainEvent[] = [];
  let pendingProgress: TrainEvent | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flushProgress = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    const events = pendingProgress ? [...pendingEpochs, pendingProgress] : pendingEpochs;
    pendingEpochs = [];
    pendingProgress = null;
    if (events.length === 0 || !live()) return;
    useSession.setState((s) => ({ run: events.reduce((run, event) => reduceRun(run, { type: 'event', event }), s.run) }));
  };

  const onEvent = (event: TrainEvent) => {
    recorder.onEvent(event);
    if (!live()) return;
    if (event.type === 'views') {
      useSession.setState({ views: event.views, viewsState: 'ready', viewsMessage: undefined });
      return;
    }
    if (event.type === 'progress' || event.type === 'epoch') {
      if (event.type === 'progress') pendingProgress = event;
      else pendingEpochs.push(event);
      timer ??= setTimeout(flushProgress, PROGRESS_INTERVAL_MS);
      return;
    }
    flushProgress(); // keep order: a pending progress update goes before what follows it
    dispatchRun({ type: 'event', event });
  };

  // Weights from a file or a reload seed the run: a lecture graph opened trained goes on from there.
  const options = { initialWeights: initialWeightsFor(JSON.parse(req.docJson)), viewsEveryMs: VIEWS_EVERY_MS, viewOptions: { interpolate: useSession.getState().interpolate }, startPaused: req.startPaused, backend: useSession.getState().backendChoice };
  client.train(req.docJson, onEvent, options).then(
    () => {
      flushProgress();
      if (!live()) return;
      dispatchRun({ type: 'train-ended' });
      recorder.end(useSession.getState().run);
      if (useSession.getState().run.status !== 'failed') void refreshViews();
    },
    (err: unknown) => {
      if (err instanceof TrainerDisposedError) return;
      recorder.fail(messageOf(err));
      if (live()) dispatchRun({ type: 'failure', message: messageOf(err) });
    },
  );
  return recorder.id;
}

type Command = 'pause' | 'resume' | 'stop' | 'step';

function command(name: Command): void {
  const client = currentClient();
  if (!client) return;
  if (name === 'pause') dispatchRun({ type: 'pause-requested' });
  if (name === 'stop') dispatchRun({ type: 'stop-requested' });
  client[name]().then(
    () => {
      // The worker took the command; don't wait for its event to update the buttons.
      if (currentClient() !== client) return;
      if (name === 'pause') dispatchRun({ type: 'event', event: { type: 'paused' } });
      if (name === 'resume') dispatchRun({ type: 'event', event: { type: 'resumed' } });
    },
    (err: unknown) => {
      if (err instanceof TrainerDisposedError) return;
      dispatchRun({ type: 'failure', message: messageOf(err) });
    },
  );
}

export const pauseRun = () => command('pause');
export const resumeRun = () => command('resume');
export const stopRun = () => command('stop');
/** While paused: one optimisation step (the worker reports its progress, then pauses again). */
export const stepRun = () => command('step');
