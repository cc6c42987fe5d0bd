// Which session a tab opens at start. A reload finds its own id in sessionStorage and
// claims it again (waiting a moment for the page it replaces to let go). A tab that finds
// its id held — a duplicated tab, whose sessionStorage is a copy — works on a copy. A new
// tab takes the most recently saved session that no open tab holds; with none, it starts
// a new one.
import { newSessionId, type SavedSession, type SessionDb } from './sessionDb';
import { TAB_SESSION_KEY, type TabLocks } from './tabLocks';

/** How long a reload waits for the page it replaces to release the session. */
export const RELOAD_CLAIM_WAIT_MS = 1500;

export interface TabStorage {
  get(): string | undefined;
  set(id: string): void;
}

export function sessionStorageSlot(): TabStorage {
  return {
    get() {
      try {
        return sessionStorage.getItem(TAB_SESSION_KEY) ?? undefined;
      } catch {
        return undefined; // storage blocked: every start is a new tab
      }
    },
    set(id) {
      try {
        sessionStorage.setItem(TAB_SESSION_KEY, id);
      } catch (e) {
        console.error('This tab cannot remember its session across a reload:', e);
      }
    },
  };
}

export interface ChosenSession {
  /** The session this tab now holds (and writes). */
  id: string;
  /** What is saved for it, or for the session it copies. */
  saved?: SavedSession;
  /** The id of the session copied (held by another tab), if this is a copy. */
  copyOf?: string;
}

async function fresh(locks: TabLocks, saved?: SavedSession, copyOf?: string): Promise<ChosenSession> {
  const id = newSessionId();
  await locks.claim(id);
  return { id, saved, copyOf };
}

export async function chooseSession(db: SessionDb, locks: TabLocks, tab: TabStorage): Promise<ChosenSession> {
  const own = tab.get();
  let chosen: ChosenSession;
  if (own) {
    if (await locks.claim(own, RELOAD_CLAIM_WAIT_MS)) chosen = { id: own, saved: await db.read(own) };
    else chosen = await fresh(locks, await db.read(own), own);
  } else if (!locks.shared) {
    // Other tabs cannot be seen: never share a session, open a copy of the latest one.
    const [latest] = await db.list();
    chosen = await fresh(locks, latest ? await db.read(latest.id) : undefined, latest?.id);
  } else {
    chosen = await takeLatestFree(db, locks);
  }
  tab.set(chosen.id);
  return chosen;
}

async function takeLatestFree(db: SessionDb, locks: TabLocks): Promise<ChosenSession> {
  const held = await locks.held();
  for (const m of await db.list()) {
    if (held.has(m.id)) continue;
    if (await locks.claim(m.id)) return { id: m.id, saved: await db.read(m.id) };
  }
  return fresh(locks);
}
