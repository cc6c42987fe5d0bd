// Autosave: every change of the document is written to IndexedDB about half a second after
// the last one; the runs a little later (they change every epoch while training), and at
// least every RUNS_MAX_WAIT_MS while a run keeps changing them, so a reload mid-training
// loses at most that much history; trained weights as soon as they change (rarely, and
// they are large); a training run's weights checkpoint when one is taken. Everything is
// written under this tab's session (`sessionId()`, read when each write runs). Writes go
// one at a time, in order. Leaving the page flushes whatever is still waiting.
import { create } from 'zustand';
import { useGraphStore } from '../store';
import { useRunsStore } from '../store/runsStore';
import { useTrainedWeights } from '../store/trainedWeights';
import type { GraphDoc } from '../graph/document';
import type { RunRecord } from '../store/runsStore';
import type { RunCheckpoint, SavedWeights, SessionDb } from './sessionDb';

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
/**
 * A run that keeps changing the runs is still saved at least this often: the history a
 * reload mid-training can lose. (It was 5 s, and a fast model lost hundreds of epochs.)
 */
export const RUNS_MAX_WAIT_MS = 2000;

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

/** What a session holds, captured at one moment (to write it under its own id). */
export interface SessionSnapshot {
  doc: GraphDoc;
  runs: readonly RunRecord[];
  weights: SavedWeights | undefined;
}

export interface Autosaver {
  /** Writes a captured session under `id` (queued behind the writes before it). */
  writeSnapshot(id: string, snapshot: SessionSnapshot): Promise<void>;
  /** Writes (or with undefined, deletes) this session's training checkpoint. */
  writeCheckpoint(checkpoint: RunCheckpoint | undefined): Promise<void>;
  /** Drops the waiting (debounced) writes: what they would write is being written another way. */
  cancelPending(): void;
  /** Resolves when every write queued so far is done. */
  idle(): Promise<void>;
  stop(): void;
}

export function savedWeightsNow(): SavedWeights | undefined {
  const t = useTrainedWeights.getState().trained;
  return t ? { snapshot: t.snapshot, structure: t.structure, origin: t.origin, savedAt: t.savedAt, backend: t.backend, ...(t.diverged && { diverged: t.diverged }) } : undefined;
}

/** The autosaver of this page, once started (for the session switch and the checkpoints). */
let active: Autosaver | undefined;
export const currentAutosaver = (): Autosaver | undefined => active;

/**
 * Starts writing the session to `db` as it changes, under `sessionId()`. `onWritten` is
 * told each id a document was written for (it is in the Recent list from then on).
 */
export function startAutosave(
  db: SessionDb,
  sessionId: () => string,
  delays = { doc: DOC_DELAY_MS, runs: RUNS_DELAY_MS },
  onWritten: (id: string) => void = () => {},
): Autosaver {
  let queue: Promise<void> = Promise.resolve();
  let inFlight = 0;
  const jobs = { doc: false, runs: false, weights: false };

  const settle = () => {
    if (inFlight === 0 && !doc.pending && !runs.pending && useAutosave.getState().status !== 'error') {
      useAutosave.setState({ status: 'saved', savedAt: Date.now(), message: undefined });
    }
  };

  const fail = (e: unknown) => {
    console.error('Autosave failed:', e);
    useAutosave.setState({ status: 'error', message: `Autosave failed: ${describe(e)}. Use Save to keep a copy of your graph.` });
  };

  /** Queues a write that does not merge with others (a snapshot, a checkpoint). */
  const enqueueOnce = (write: () => Promise<void>): Promise<void> => {
    inFlight++;
    useAutosave.setState({ status: 'saving' });
    const done = queue.then(write).then(
      () => {
        inFlight--;
        settle();
      },
      (e: unknown) => {
        inFlight--;
        fail(e);
      },
    );
    queue = done;
    return done;
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
          fail(e);
        },
      );
  };

  // Each write reads the session id and the state when it runs, both of the same moment:
  // a session switch changes the id and the state together.
  const writeDoc = async (id: string, d: GraphDoc) => {
    await db.writeDoc(id, d);
    onWritten(id);
  };
  const doc = debounced(() => enqueue('doc', () => writeDoc(sessionId(), useGraphStore.getState().doc)), delays.doc);
  const runs = debounced(() => enqueue('runs', () => db.writeRuns(sessionId(), useRunsStore.getState().runs)), delays.runs, RUNS_MAX_WAIT_MS);
  const weights = () => enqueue('weights', () => db.writeWeights(sessionId(), savedWeightsNow()));

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

  const saver: Autosaver = {
    writeSnapshot: (id, snap) =>
      enqueueOnce(async () => {
        await writeDoc(id, snap.doc);
        await db.writeRuns(id, snap.runs);
        await db.writeWeights(id, snap.weights);
      }),
    writeCheckpoint(c) {
      const id = sessionId(); // the session the run belongs to, even if the tab switches before the write
      // The runs waiting for their debounce go first: the history on disk then reaches at least
      // the checkpoint's epoch, so a reload never finds weights newer than the history it kept.
      runs.flush();
      return enqueueOnce(() => db.writeCheckpoint(id, c));
    },
    cancelPending() {
      doc.cancel();
      runs.cancel();
    },
    idle: () => queue,
    stop() {
      flush();
      doc.cancel();
      runs.cancel();
      unsubscribe.forEach((u) => u());
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onHide);
      if (active === saver) active = undefined;
    },
  };
  active = saver;
  return saver;
}

