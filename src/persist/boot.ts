// What the editor opens with, and the start of autosave.
//   1. The session this browser autosaved (graph, runs, trained weights), else the startup
//      graph. This is also what stays open if a link below turns out to be bad.
//   2. A link takes precedence: `#share=…` (the graph inside the link) or `?graph=<url>`
//      (a hosted file). What was open is first copied to a backup slot, and the top bar
//      offers "Restore your previous graph" — opening a link never silently destroys work.
//      The link is then removed from the address bar, so a reload shows the autosave
//      (the linked graph with your edits), not the link's original again.
import { create } from 'zustand';
import { parseGraphText, serializeGraph } from '../graph/parse';
import { useGraphStore } from '../store';
import { useRunsStore, type RunRecord } from '../store/runsStore';
import { structureKey, useTrainedWeights } from '../store/trainedWeights';
import { startupDoc } from '../files/startupDoc';
import { readGraphParam, readShareHash } from '../share/shareLink';
import { fetchGraphText } from '../share/fetchGraph';
import { startAutosave, useAutosave } from './autosave';
import { watchRunWeights } from './runWeights';
import { createSessionDb, memoryKeyValue, type SavedSession, type SessionDb } from './sessionDb';

/** How long the first read of IndexedDB may take before the app opens without it. */
const READ_TIMEOUT_MS = 3000;

export interface PreviousSessionState {
  /** A backup the person can switch to (set when a link opened over their graph). */
  available: boolean;
  /** What the backup holds, for the button's tooltip. */
  title?: string;
  /** What the current graph came from: the button reads "Back to the linked graph" after a swap. */
  swapped: boolean;
}

export const usePreviousSession = create<PreviousSessionState>()(() => ({ available: false, swapped: false }));

let db: SessionDb | undefined;

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('the browser storage did not answer')), ms))]);
}

function isRun(r: unknown): r is RunRecord {
  const x = r as Partial<RunRecord> | null;
  return !!x && typeof x.id === 'string' && typeof x.name === 'string' && typeof x.docJson === 'string' && Array.isArray(x.history);
}

/** The live session as it would be saved (for the backup slot). */
function currentSession(): SavedSession {
  const t = useTrainedWeights.getState().trained;
  return {
    doc: { text: serializeGraph(useGraphStore.getState().doc), savedAt: Date.now() },
    runs: { runs: useRunsStore.getState().runs, savedAt: Date.now() },
    weights: t ? { snapshot: t.snapshot, structure: t.structure, origin: t.origin, savedAt: t.savedAt, backend: t.backend } : undefined,
  };
}

/** Opens a saved session's graph and weights (and its runs, if `withRuns`). False if its graph does not open. */
function openSaved(saved: SavedSession, label: string, withRuns: boolean): boolean {
  if (!saved.doc) return false;
  const r = parseGraphText(saved.doc.text, label);
  const s = useGraphStore.getState();
  if (!r.ok) {
    useGraphStore.setState({ fileProblem: { fileName: label, errors: r.errors } });
    s.showStatus(`Could not restore ${label}.`, 'error');
    return false;
  }
  s.replaceDoc(r.doc);
  const w = saved.weights;
  if (w && w.structure === structureKey(useGraphStore.getState().doc)) {
    useTrainedWeights.setState({ trained: { snapshot: w.snapshot, structure: w.structure, origin: w.origin === 'file' ? 'file' : 'autosave', savedAt: w.savedAt, backend: w.backend } });
  }
  if (withRuns && Array.isArray(saved.runs?.runs)) useRunsStore.setState({ runs: saved.runs.runs.filter(isRun) });
  return true;
}

/** Whether what is open now is worth a backup before a link replaces it. */
function worthKeeping(restored: boolean): boolean {
  return restored || useGraphStore.temporal.getState().pastStates.length > 0 || useRunsStore.getState().runs.length > 0;
}

/** Opens graph text from a link over the current session, keeping that session in the backup slot. */
async function openLinked(text: string, label: string, restored: boolean): Promise<void> {
  const before = currentSession();
  const parsed = parseGraphText(text, label);
  if (!parsed.ok) {
    useGraphStore.getState().openGraphText(text, label); // shows the errors; the graph stays
    return;
  }
  const same = before.doc?.text === serializeGraph({ ...parsed.doc, weights: undefined });
  if (!same && worthKeeping(restored) && db) {
    try {
      await db.backup(before);
      usePreviousSession.setState({ available: true, swapped: false, title: useGraphStore.getState().doc.meta.title });
    } catch (e) {
      console.error('Could not back up the previous session:', e);
    }
  }
  useGraphStore.getState().openGraphText(text, label);
}

function clearLinkFromAddress(): void {
  const url = new URL(window.location.href);
  url.hash = '';
  url.searchParams.delete('graph');
  window.history.replaceState(window.history.state, '', url.pathname + url.search);
}

/** Swaps the open session with the backup slot (so the swap can be undone the same way). */
export async function restorePreviousSession(): Promise<void> {
  if (!db) return;
  const s = useGraphStore.getState();
  const backup = await db.readBackup();
  if (!backup?.doc) {
    usePreviousSession.setState({ available: false });
    s.showStatus('There is no previous graph to restore any more.', 'error');
    return;
  }
  const now = currentSession();
  const title = s.doc.meta.title;
  if (!openSaved(backup, 'your previous graph', false)) return;
  await db.backup(now);
  const swapped = !usePreviousSession.getState().swapped;
  usePreviousSession.setState({ available: true, swapped, title });
  s.showStatus(swapped ? 'Restored your previous graph. The linked graph is one click away (top bar).' : 'Back to the linked graph.');
}

export function dismissPreviousSession(): void {
  usePreviousSession.setState({ available: false });
}

/** Opens the first graph (autosave, link, or the startup graph) and starts autosave. */
export async function bootSession(options: { db?: SessionDb } = {}): Promise<void> {
  db = options.db ?? createSessionDb();
  let saved: SavedSession = {};
  let storageOk = true;
  try {
    saved = await withTimeout(db.read(), READ_TIMEOUT_MS);
  } catch (e) {
    storageOk = false;
    console.error('Autosave is off:', e);
  }

  const restored = openSaved(saved, 'your autosaved graph', true);
  if (!restored) useGraphStore.getState().replaceDoc(startupDoc());

  const share = readShareHash(window.location.hash);
  const graphUrl = readGraphParam(window.location.search);
  if (share.found || graphUrl !== undefined) clearLinkFromAddress();

  if (!storageOk) db = createSessionDb(memoryKeyValue());
  startAutosave(db);
  watchRunWeights();
  if (!storageOk) {
    useAutosave.setState({ status: 'off', message: 'Autosave is off: this browser does not let the page store data (private window?). Use Save to keep your graph.' });
  }

  if (share.found) await openShared(share, restored);
  else if (graphUrl !== undefined) {
    // Not awaited: the editor shows what was open while the file downloads.
    void openFromUrl(graphUrl, restored);
  }
  // A share link pasted into the address bar of an open editor changes only the hash.
  window.addEventListener('hashchange', () => {
    const next = readShareHash(window.location.hash);
    if (!next.found) return;
    clearLinkFromAddress();
    void openShared(next, true);
  });
}

async function openShared(share: Exclude<ReturnType<typeof readShareHash>, { found: false }>, restored: boolean): Promise<void> {
  if (share.ok) return openLinked(share.text, 'the shared link', restored);
  useGraphStore.setState({ fileProblem: { fileName: 'the shared link', errors: [share.error] } });
  useGraphStore.getState().showStatus('Could not open the shared link.', 'error');
}

async function openFromUrl(raw: string, restored: boolean): Promise<void> {
  const s = useGraphStore.getState();
  s.showStatus(`Downloading ${raw.slice(0, 120)}…`);
  const r = await fetchGraphText(raw, { base: window.location.href });
  if (!r.ok) {
    useGraphStore.setState({ fileProblem: { fileName: r.url || 'the graph address', errors: r.errors } });
    s.showStatus(`Could not open ${r.url.slice(0, 120)}.`, 'error');
    return;
  }
  await openLinked(r.text, r.fileName, restored);
}
