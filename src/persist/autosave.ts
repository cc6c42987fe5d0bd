// Autosave: every change of the document is written to IndexedDB about half a second after
// the last one; the runs a little later (they change every epoch while training); trained
// weights as soon as they change (rarely, and they are large). Writes go one at a time, in
// order. Leaving the page flushes whatever is still waiting.
import { create } from 'zustand';
import { serializeGraph } from '../graph/parse';
import { useGraphStore } from '../store';
import { useRunsStore } from '../store/runsStore';
import { useTrainedWeights } from '../store/trainedWeights';
import type { SessionDb } from './sessionDb';

export type AutosaveStatus = 'off' | 'idle' | 'pending' | 'saving' | 'saved' | 'error';

export interface AutosaveState {
  status: AutosaveStatus;
  /** When the last write finished (ms since 1970). */
  savedAt?: number;
  /** Why autosave is off or failed, for a person. */
  message?: string;
}

export const useAutosave = create<AutosaveState>()(() => ({ status: 'off' }));

export const DOC_DELAY_MS = 500;
export const RUNS_DELAY_MS = 1000;
/** A run that keeps changing the runs is still saved at least this often. */
export const RUNS_MAX_WAIT_MS = 5000;

/** Calls `fn` `delay` ms after the last `schedule()`, but no later than `maxWait` after the first. */
function debounced(fn: () => void, delay: number, maxWait = Infinity) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let first: number | undefined;
  const run = () => {
    clearTimeout(timer);
    timer = undefined;
    first = undefined;
    fn();
  };
  return {
    schedule() {
      const now = Date.now();
      first ??= now;
      clearTimeout(timer);
      timer = setTimeout(run, Math.max(0, Math.min(delay, first + maxWait - now)));
    },
    flush() {
      if (timer !== undefined) run();
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
      first = undefined;
    },
    get pending() {
      return timer !== undefined;
    },
  };
}

function describe(e: unknown): string {
  if (e instanceof DOMException && e.name === 'QuotaExceededError') return 'the browser has no more storage for this site';
  return e instanceof Error ? e.message : String(e);
}

/** Starts writing the session to `db` as it changes; returns a function that stops it. */
export function startAutosave(db: SessionDb, delays = { doc: DOC_DELAY_MS, runs: RUNS_DELAY_MS }): () => void {
  let queue: Promise<void> = Promise.resolve();
  let inFlight = 0;
  const jobs = { doc: false, runs: false, weights: false };

  const settle = () => {
    if (inFlight === 0 && !doc.pending && !runs.pending && useAutosave.getState().status !== 'error') {
      useAutosave.setState({ status: 'saved', savedAt: Date.now(), message: undefined });
    }
  };

  const enqueue = (what: keyof typeof jobs, write: () => Promise<void>) => {
    if (jobs[what]) return; // a write of the same kind is queued: it will read the latest state
    jobs[what] = true;
    inFlight++;
    useAutosave.setState({ status: 'saving' });
    queue = queue
      .then(() => {
        jobs[what] = false;
        return write();
      })
      .then(
        () => {
          inFlight--;
          settle();
        },
        (e: unknown) => {
          inFlight--;
          jobs[what] = false;
          console.error('Autosave failed:', e);
          useAutosave.setState({ status: 'error', message: `Autosave failed: ${describe(e)}. Use Save to keep a copy of your graph.` });
        },
      );
  };

  const doc = debounced(() => enqueue('doc', () => db.writeDoc({ text: serializeGraph(useGraphStore.getState().doc), savedAt: Date.now() })), delays.doc);
  const runs = debounced(() => enqueue('runs', () => db.writeRuns({ runs: useRunsStore.getState().runs, savedAt: Date.now() })), delays.runs, RUNS_MAX_WAIT_MS);
  const weights = () =>
    enqueue('weights', () => {
      const t = useTrainedWeights.getState().trained;
      return db.writeWeights(t ? { snapshot: t.snapshot, structure: t.structure, origin: t.origin, savedAt: t.savedAt, backend: t.backend } : undefined);
    });

  const pending = () => {
    if (useAutosave.getState().status !== 'error') useAutosave.setState({ status: 'pending' });
  };
  const unsubscribe = [
    useGraphStore.subscribe((s, prev) => {
      if (s.doc !== prev.doc) {
        doc.schedule();
        pending();
        // A newly opened graph is written at once: a reload right after opening a link
        // or a file must bring back that graph, not the one before it.
        if (s.docEpoch !== prev.docEpoch) doc.flush();
      }
    }),
    useRunsStore.subscribe((s, prev) => {
      if (s.runs !== prev.runs) {
        runs.schedule();
        pending();
      }
    }),
    useTrainedWeights.subscribe((s, prev) => {
      if (s.trained !== prev.trained) weights();
    }),
  ];

  const flush = () => {
    doc.flush();
    runs.flush();
  };
  const onHide = () => {
    if (document.visibilityState === 'hidden') flush();
  };
  window.addEventListener('pagehide', flush);
  document.addEventListener('visibilitychange', onHide);
  useAutosave.setState({ status: 'idle', message: undefined });

  return () => {
    flush();
    doc.cancel();
    runs.cancel();
    unsubscribe.forEach((u) => u());
    window.removeEventListener('pagehide', flush);
    document.removeEventListener('visibilitychange', onHide);
  };
}
