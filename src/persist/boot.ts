// What the editor opens with, and the start of autosave.
//   1. A link in the address (`#share=…`, `?graph=<url>`) is taken out of the address bar
//      first, before it is decoded or fetched: a link that crashes or hangs the page must
//      not stay there to do it again on the reload.
//   2. This tab's session (chooseSession.ts): a reload restores its own graph, runs and
//      weights; a new tab the most recent work no other tab holds; else the startup graph.
//      A session whose last start never came up opens in safe mode instead (crashGuard.ts):
//      the caller shows its offer and calls `proceed` with the person's choice.
//   3. The link then opens over that work, through the same "open over current work" as
//      every other open (tabSession.ts): what was open goes to Recent.
import { useGraphStore } from '../store';
import { setOpenHandler } from '../store/viewSlice';
import { startupDoc } from '../files/startupDoc';
import { readGraphParam, readShareHash } from '../share/shareLink';
import { fetchGraphText } from '../share/fetchGraph';
import { startAutosave, useAutosave } from './autosave';
import { watchRunWeights } from './runWeights';
import { createCheckpointer } from './runCheckpoint';
import { createSessionDb, memoryKeyValue, newSessionId, type SavedSession, type SessionDb } from './sessionDb';
import { browserLocks, type TabLocks } from './tabLocks';
import { chooseSession, sessionStorageSlot, type ChosenSession, type TabStorage } from './chooseSession';
import { applySaved, attachTabSession, noteWritten, openOverCurrent, pruneRecent, useTabSession } from './tabSession';
import { crashedLastTime, markStarted, markStarting } from './crashGuard';
import { formatBytes } from './formatBytes';
import { clearCourseFromAddress, readCourseAddressNow, startCourses } from '../course/courseBoot';
import { hasCourseAddress } from '../course/courseLink';

/** How long the first read of IndexedDB may take before the app opens without it. */
const READ_TIMEOUT_MS = 5000;
/** The status line is refreshed this often while a ?graph= file downloads (and does not fade). */
const PROGRESS_REFRESH_MS = 500;

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('the browser storage did not answer')), ms))]);
}

/** Takes the link out of the address bar (before anything reads it further). */
function clearLinkFromAddress(): void {
  const url = new URL(window.location.href);
  url.hash = '';
  url.searchParams.delete('graph');
  window.history.replaceState(window.history.state, '', url.pathname + url.search);
}

/** A saved session that crashed the last start: shown, not rendered, until the person chooses. */
export interface SafeModeOffer {
  title: string;
  /** The graph file, to download. */
  text: string;
  savedAt?: number;
}

export type SafeModeChoice = 'open' | 'discard';

export interface BootResult {
  safeMode?: SafeModeOffer;
  /** Finishes the start with the person's choice (only when safeMode is set). */
  proceed(choice: SafeModeChoice): Promise<void>;
}

/** Moves the single-slot autosave of earlier versions into sessions, once, one tab at a time. */
async function migrate(db: SessionDb): Promise<void> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (locks) await locks.request('latent-canvas-migrate', () => db.migrateLegacy());
  else await db.migrateLegacy();
}

/** Opens the first graph (the tab's session, a link, or the startup graph) and starts autosave. */
export async function bootSession(options: { db?: SessionDb; locks?: TabLocks; tab?: TabStorage; keepLink?: boolean } = {}): Promise<BootResult> {
  // A course link or ?course= is taken out of the address first (src/course/courseBoot.ts).
  const courseAddress = readCourseAddressNow();
  if (hasCourseAddress(courseAddress) && !options.keepLink) clearCourseFromAddress();
  const hash = window.location.hash;
  const graphUrl = readGraphParam(window.location.search);
  const hasShare = readShareHashFound(hash);
  // keepLink: the embed view (a page's own iframe, no address bar) opens its link again on a reload.
  if ((hasShare || graphUrl !== undefined) && !options.keepLink) clearLinkFromAddress();

  let db = options.db ?? createSessionDb();
  const locks = options.locks ?? browserLocks();
  const tab = options.tab ?? sessionStorageSlot();
  let chosen: ChosenSession;
  let storageOk = true;
  try {
    await withTimeout(migrate(db), READ_TIMEOUT_MS);
    chosen = await withTimeout(chooseSession(db, locks, tab), READ_TIMEOUT_MS);
  } catch (e) {
    storageOk = false;
    console.error('Autosave is off:', e);
    db = createSessionDb(memoryKeyValue());
    chosen = { id: newSessionId() };
  }
  attachTabSession({ db, locks, tab }, chosen.id, !!chosen.saved?.doc && chosen.copyOf === undefined);

  const finish = async (choice: SafeModeChoice) => {
    let saved: SavedSession | undefined = chosen.saved;
    if (choice === 'discard') {
      saved = undefined;
      await db.remove(chosen.id).catch((e: unknown) => console.error('Could not discard the saved session:', e));
      if (chosen.copyOf) markStarted(chosen.copyOf);
      useTabSession.setState({ kept: false });
    }
    // Set before the graph is parsed and rendered; cleared once the app stays up.
    markStarting(chosen.id);
    let notes: string[] = [];
    const restored = saved ? applySaved(saved, 'your autosaved graph') : { ok: false as const };
    if (restored.ok) notes = restored.notes;
    else useGraphStore.getState().replaceDoc(startupDoc());
    if (chosen.copyOf && restored.ok) notes.unshift('This graph is open in another tab too; this tab works on its own copy.');
    if (notes.length) useGraphStore.getState().showStatus(notes.join(' '));

    startAutosave(db, () => useTabSession.getState().id, undefined, noteWritten);
    watchRunWeights();
    createCheckpointer();
    setOpenHandler(openOverCurrent);
    if (!storageOk) {
      useAutosave.setState({ status: 'off', message: 'Autosave is off: this browser does not let the page store data (private window?). Use Save to keep your graph.' });
    }

    if (hasShare) openShared(hash);
    else if (graphUrl !== undefined) {
      // Not awaited: the editor shows what was open while the file downloads.
      void openFromUrl(graphUrl);
    }
    // A share link pasted into the address bar of an open editor changes only the hash.
    window.addEventListener('hashchange', () => {
      const next = window.location.hash;
      if (!readShareHashFound(next)) return;
      clearLinkFromAddress();
      openShared(next);
    });
    // The address's course, else the one this tab had open before a reload (not awaited).
    void startCourses(courseAddress);
    void pruneRecent();
  };

  const crashedId = chosen.copyOf ?? chosen.id;
  if (chosen.saved?.doc && crashedLastTime(crashedId)) {
    return {
      safeMode: { title: titleOf(chosen.saved.doc.text), text: chosen.saved.doc.text, savedAt: chosen.saved.meta?.savedAt },
      proceed: finish,
    };
  }
  await finish('open');
  return { proceed: async () => {} };
}

/** Whether the address holds a share link, without decoding it. */
function readShareHashFound(hash: string): boolean {
  return /^#?share=/.test(hash);
}

function titleOf(text: string): string {
  const m = /"title"\s*:\s*"((?:[^"\\]|\\.){0,200})"/.exec(text.slice(0, 20_000));
  if (!m) return 'Untitled graph';
  try {
    return JSON.parse(`"${m[1]}"`) as string;
  } catch {
    return m[1];
  }
}

/** Decodes a share link (already out of the address bar) and opens it, or shows why not. */
function openShared(hash: string): void {
  const share = readShareHash(hash);
  if (!share.found) return;
  if (share.ok) {
    useGraphStore.getState().openGraphText(share.text, 'the shared link');
    return;
  }
  useGraphStore.setState({ fileProblem: { fileName: 'the shared link', errors: [share.error] } });
  useGraphStore.getState().showStatus('Could not open the shared link; it was removed from the address bar.', 'error');
}

async function openFromUrl(raw: string): Promise<void> {
  const s = useGraphStore.getState();
  const shown = raw.split('/').filter(Boolean).pop()?.slice(0, 120) || raw.slice(0, 120);
  let received: number | undefined;
  let total: number | undefined;
  const say = () => {
    const amount = received === undefined ? '' : ` ${formatBytes(received)}${total ? ` of ${formatBytes(total)}` : ''}`;
    s.showStatus(`Downloading ${shown}…${amount}`);
  };
  say();
  const refresh = setInterval(say, PROGRESS_REFRESH_MS);
  let r: Awaited<ReturnType<typeof fetchGraphText>>;
  try {
    r = await fetchGraphText(raw, {
      base: window.location.href,
      onProgress: (bytes: number, totalBytes?: number) => {
        received = bytes;
        total = totalBytes;
      },
    });
  } finally {
    clearInterval(refresh);
  }
  if (!r.ok) {
    useGraphStore.setState({ fileProblem: { fileName: r.url || 'the graph address', errors: r.errors } });
    s.showStatus(`Could not open ${r.url.slice(0, 120)}.`, 'error');
    return;
  }
  s.openGraphText(r.text, r.fileName);
}
