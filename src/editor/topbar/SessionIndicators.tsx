// What the top bar says about the session: whether the graph is saved in this browser,
// whether it is trained, and a restart for a training worker that died. (The way back to
// a graph something opened over is the Recent list: src/editor/recent.)
import { create } from 'zustand';
import { useGraphStore } from '../../store';
import { trainedBadge, useHasTrainedWeights } from '../../store/trainedWeights';
import { useAutosave } from '../../persist/autosave';
import { currentClient, ensureClient } from '../../panels/session/connection';
import { useSession } from '../../panels/session/sessionStore';

export function TrainedBadge() {
  const doc = useGraphStore((s) => s.doc);
  const trained = useHasTrainedWeights(doc);
  if (!trained) return null;
  // The words live with the weights (trainedWeights.ts): a diverged run's checkpoint says so.
  const { text, title } = trainedBadge(trained);
  return (
    <span className="lc-badge lc-badge-trained" data-testid="trained-badge" data-origin={trained.origin} data-diverged={trained.diverged ? 'true' : undefined} title={title}>
      {text}
    </span>
  );
}

function time(ms: number | undefined): string {
  return ms ? new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' }) : '';
}

export function AutosaveIndicator() {
  const { status, savedAt, message } = useAutosave();
  const text =
    status === 'error' || status === 'off'
      ? 'Not autosaved'
      : status === 'pending' || status === 'saving'
        ? 'Saving…'
        : status === 'saved'
          ? 'Saved in this browser'
          : 'Autosave on';
  return (
    <span
      className={`lc-autosave lc-autosave-${status}`}
      data-testid="autosave-status"
      data-status={status}
      title={message ?? (savedAt ? `Your graph, runs and trained weights are kept in this browser (last saved ${time(savedAt)}); a reload brings them back.` : 'Your graph, runs and trained weights are kept in this browser; a reload brings them back.')}
      role="status"
    >
      {text}
    </span>
  );
}

/**
 * The worker died (it failed to start, or crashed): remembered from the moment the failure
 * is reported — other panels may quietly start a replacement worker right after — until
 * the person restarts it or trains again.
 */
export const useWorkerCrash = create<{ message?: string }>()(() => ({}));

function watchWorkerCrashes(): void {
  useSession.subscribe((s, prev) => {
    if (s.run === prev.run) return;
    const failure = currentClient()?.failure;
    if (failure !== undefined && s.run.status === 'failed') useWorkerCrash.setState({ message: failure });
    else if (s.run.status === 'starting' && prev.run.status !== 'starting') useWorkerCrash.setState({ message: undefined });
  });
}

watchWorkerCrashes();

/** Shown after the training worker died: the panel says why, this starts a new one. */
export function WorkerRestart() {
  const message = useWorkerCrash((s) => s.message);
  if (message === undefined) return null;
  return (
    <button
      type="button"
      className="danger"
      data-testid="restart-worker"
      title={`The training worker stopped: ${message}`}
      onClick={() => {
        ensureClient(); // a new worker, unless one was started already
        useWorkerCrash.setState({ message: undefined });
        useGraphStore.getState().showStatus('Started a new training worker. Press Train to train again.');
      }}
    >
      Restart worker
    </button>
  );
}
