// This tab's session: which id it writes, how a saved session is put into the stores,
// and the one way to open something over the current work — a file, a gallery graph, a
// link, a session from Recent. The work that was open is never thrown away: it is written
// under its own id, the tab moves to a new session, and the old one is in Recent.
import { create } from 'zustand';
import type { GraphDoc } from '../graph/document';
import { parseGraphText } from '../graph/parse';
import { useGraphStore } from '../store';
import { useRunsStore, type RunRecord } from '../store/runsStore';
import { runGraph } from '../store/runGraph';
import { clearTrainedWeights, structureKey, useTrainedWeights } from '../store/trainedWeights';
import { useSession } from '../panels/session/sessionStore';
import { isActive } from '../panels/runState';
import { stopRun } from '../panels/session/runActions';
import { currentAutosaver, savedWeightsNow, type SessionSnapshot } from './autosave';
import { markInterrupted } from './interruptedRuns';
import { newSessionId, type SavedSession, type SessionDb, type SessionMeta } from './sessionDb';
import type { TabLocks } from './tabLocks';
import type { TabStorage } from './chooseSession';

/** The Recent list holds this many sessions (a session an open tab holds is never pruned). */
export const RECENT_LIMIT = 20;

export interface TabSessionState {
  id: string;
  /** Whether the session is saved in this browser (it is in Recent once it leaves the tab). */
  kept: boolean;
}

export const useTabSession = create<TabSessionState>()(() => ({ id: '', kept: false }));

interface Host {
  db: SessionDb;
  locks: TabLocks;
  tab: TabStorage;
}
let host: Host | undefined;

export function attachTabSession(h: Host, id: string, kept: boolean): void {
  host = h;
  useTabSession.setState({ id, kept });
}

export const tabHost = (): Host | undefined => host;

/** The autosave wrote a document for `id`: it is in Recent from now on; keep Recent at its size. */
export function noteWritten(id: string): void {
  const s = useTabSession.getState();
  if (id !== s.id || s.kept) return;
  useTabSession.setState({ kept: true });
  void pruneRecent();
}

/** Trims Recent to RECENT_LIMIT, sparing every session a tab holds, then drops unused datasets. */
export async function pruneRecent(): Promise<void> {
  if (!host) return;
  try {
    const held = await host.locks.held();
    held.add(useTabSession.getState().id);
    await host.db.prune(RECENT_LIMIT, held);
    await host.db.collectDatasets();
  } catch (e) {
    console.error('Could not trim the Recent list:', e);
  }
}

function isRun(r: unknown): r is RunRecord {
  const x = r as Partial<RunRecord> | null;
  return !!x && typeof x.id === 'string' && typeof x.name === 'string' && typeof x.docJson === 'string' && Array.isArray(x.history);
}

/** The run this page is training right now, if any (it is not interrupted: it goes on). */
function liveRunId(): string | undefined {
  const s = useSession.getState();
  return isActive(s.run.status) ? s.runId : undefined;
}

/**
 * Puts a saved session into the stores: its graph, its runs (a run cut off while training
 * marked interrupted) and its weights (an interrupted run's checkpoint if it has one).
 * Returns what to tell the person, or an error if its graph does not open (nothing changed).
 */
export function applySaved(saved: SavedSession, label: string, parsed?: ReturnType<typeof parseGraphText>): { ok: true; notes: string[] } | { ok: false } {
  if (!saved.doc) return { ok: false };
  const r = parsed ?? parseGraphText(saved.doc.text, label);
  const s = useGraphStore.getState();
  if (!r.ok) {
    useGraphStore.setState({ fileProblem: { fileName: label, errors: r.errors } });
    s.showStatus(`Could not restore ${label}.`, 'error');
    return { ok: false };
  }
  const restored = markInterrupted(Array.isArray(saved.runs?.runs) ? saved.runs.runs.filter(isRun) : [], saved.checkpoint, liveRunId());
  clearTrainedWeights();
  s.replaceDoc(r.doc);
  useRunsStore.setState({ runs: restored.runs });
  const notes = [...restored.messages];
  const cp = restored.checkpoint;
  const cpDoc = cp ? parseGraphText(restored.runs.find((x) => x.id === cp.runId)!.docJson, 'the trained graph') : undefined;
  const w = saved.weights;
  if (cp && cpDoc?.ok) {
    useTrainedWeights.setState({ trained: { snapshot: cp.snapshot, structure: structureKey(cpDoc.doc), origin: 'autosave', savedAt: new Date(cp.savedAt).toISOString(), backend: cp.backend } });
  } else if (w && w.structure === structureKey(useGraphStore.getState().doc)) {
    useTrainedWeights.setState({ trained: { snapshot: w.snapshot, structure: w.structure, origin: w.origin === 'file' ? 'file' : 'autosave', savedAt: w.savedAt, backend: w.backend, ...(w.diverged && { diverged: w.diverged }) } });
  }
  if (saved.missingDatasets) {
    notes.push(`${saved.missingDatasets === 1 ? 'A dataset' : `${saved.missingDatasets} datasets`} of this graph ${saved.missingDatasets === 1 ? 'is' : 'are'} no longer in this browser's storage; load the CSV again.`);
  }
  return { ok: true, notes };
}

function snapshotNow(): SessionSnapshot {
  return { doc: useGraphStore.getState().doc, runs: useRunsStore.getState().runs, weights: savedWeightsNow() };
}

/** Whether the open work is worth keeping before something replaces it. */
function worthKeeping(): boolean {
  // Runs of other graphs came along from earlier opens and are kept with those already.
  const title = useGraphStore.getState().doc.meta.title;
  return useTabSession.getState().kept || useGraphStore.temporal.getState().pastStates.length > 0 || useRunsStore.getState().runs.some((r) => runGraph(r).title === title);
}

/**
 * Sets the current work aside as its own saved session (when there is anything to keep)
 * and moves the tab to `next` (a new session, unless given or there is nothing to keep). Synchronous up to the
 * point where the stores are replaced, so no write can mix the two sessions; the old
 * session's lock is released once its last write is done. Returns the title set aside.
 */
function setCurrentAside(next?: string, nextKept = false): string | undefined {
  const h = host;
  const saver = currentAutosaver();
  const before = useTabSession.getState();
  if (!h) return undefined;
  const keep = worthKeeping() && before.id !== '';
  // Nothing to keep: the untouched session simply takes the new graph.
  const nextId = next ?? (keep ? newSessionId() : before.id);
  const title = useGraphStore.getState().doc.meta.title;
  if (keep && saver) {
    saver.cancelPending();
    const written = saver.writeSnapshot(before.id, snapshotNow());
    void written.finally(() => h.locks.release(before.id));
  } else if (before.id !== nextId) {
    h.locks.release(before.id);
  }
  if (nextId !== before.id) {
    void h.locks.claim(nextId); // a fresh id, or one claimed already by the caller
    h.tab.set(nextId);
  }
  useTabSession.setState({ id: nextId, kept: nextKept });
  return keep ? title : undefined;
}

function previousNote(title: string | undefined): string {
  return title === undefined ? '' : ` Your previous graph “${title || 'Untitled'}” is in Recent.`;
}

/** How long an open waits for the trained weights of a run it stopped to arrive (runWeights.ts). */
const STOPPED_WEIGHTS_WAIT_MS = 2000;

/**
 * A run still training belongs to the graph it trains: before anything replaces that graph
 * the run is stopped (Stop ends within seconds; a worker that does not answer is replaced)
 * and its end and weights recorded, so it is set aside whole rather than cut off mid-run.
 */
async function settleActiveRun(label: string): Promise<void> {
  if (!isActive(useSession.getState().run.status)) return;
  useGraphStore.getState().showStatus(`Stopping the run on this graph before opening ${label}…`);
  const ended = new Promise<void>((resolve) => {
    const off = useSession.subscribe((st) => {
      if (isActive(st.run.status)) return;
      off();
      resolve();
    });
  });
  stopRun();
  await ended;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(done, STOPPED_WEIGHTS_WAIT_MS);
    const off = useTrainedWeights.subscribe(done);
    function done() {
      clearTimeout(timer);
      off();
      resolve();
    }
  });
}

/**
 * Opens a parsed document over the current work (Open, a drop, the Gallery, a link). The
 * work that was open goes to Recent; the status line says so. A run still training is
 * stopped first and goes to Recent with its graph.
 */
export function openOverCurrent(doc: GraphDoc, label: string, warnings: readonly string[]): void {
  if (isActive(useSession.getState().run.status)) {
    void settleActiveRun(label).then(() => openOverCurrent(doc, label, warnings));
    return;
  }
  // The runs stay: they belong to the graphs they trained, and the runs list shows the
  // open graph's by default, so a run of the graph set aside is still there to compare or open.
  const aside = setCurrentAside();
  if (aside !== undefined) clearTrainedWeights();
  const s = useGraphStore.getState();
  s.replaceDoc(doc);
  useGraphStore.setState({ fileProblem: null });
  const warned = warnings.length ? ` (${warnings.join(' ')})` : '';
  s.showStatus(`Opened ${label}${warned}.${previousNote(aside)}`);
  useRecent.setState({ version: useRecent.getState().version + 1 });
}

/** Reopens a session from Recent; one another tab holds opens as a copy. */
export async function reopenSession(meta: Pick<SessionMeta, 'id' | 'title'>): Promise<void> {
  const h = host;
  const s = useGraphStore.getState();
  if (!h) return;
  if (meta.id === useTabSession.getState().id) {
    s.showStatus(`“${meta.title}” is the graph open in this tab.`);
    return;
  }
  await settleActiveRun(`“${meta.title}”`);
  const held = await h.locks.held();
  const claimed = !held.has(meta.id) && (await h.locks.claim(meta.id));
  const saved = await h.db.read(meta.id);
  if (!saved.doc) {
    if (claimed) h.locks.release(meta.id);
    s.showStatus(`“${meta.title}” is no longer saved in this browser.`, 'error');
    return;
  }
  const label = `“${meta.title}”`;
  const parsed = parseGraphText(saved.doc.text, label);
  if (!parsed.ok) {
    if (claimed) h.locks.release(meta.id);
    applySaved(saved, label, parsed); // shows the parser's reasons; nothing changes
    return;
  }
  const nextId = claimed ? meta.id : newSessionId();
  const aside = setCurrentAside(nextId, claimed);
  const r = applySaved(saved, label, parsed);
  const copy = claimed ? '' : ' It is open in another tab, so this is a copy.';
  const notes = r.ok && r.notes.length ? ` ${r.notes.join(' ')}` : '';
  s.showStatus(`Opened “${meta.title}” from Recent.${copy}${previousNote(aside)}${notes}`);
  useRecent.setState({ version: useRecent.getState().version + 1 });
}

export interface RecentState {
  /** Bumped when the list may have changed (a session set aside, reopened or written). */
  version: number;
}

export const useRecent = create<RecentState>()(() => ({ version: 0 }));

/** The Recent list now: saved sessions, newest first, with which are open in a tab. */
export async function listRecent(): Promise<{ sessions: SessionMeta[]; held: Set<string> }> {
  if (!host) return { sessions: [], held: new Set() };
  const [sessions, held] = await Promise.all([host.db.list(), host.locks.held()]);
  return { sessions: sessions.slice(0, RECENT_LIMIT), held };
}
