// Which sessions are open in a tab right now. Each tab holds a Web Lock named after its
// session for as long as it shows it; the browser releases it when the tab closes or
// reloads, so a crashed tab never keeps its session "live". Claiming is atomic: two tabs
// can never hold the same session, hence never write the same keys.
//
// Without Web Locks (an old browser, a page not in a secure context) nothing can be
// known about other tabs: then a tab claims only the session its own sessionStorage
// names (a reload), and every new tab works on a copy.

const PREFIX = 'latent-canvas-session:';
/** sessionStorage survives a reload of this tab and is not shared with other tabs. */
export const TAB_SESSION_KEY = 'latent-canvas.session-id';

export interface TabLocks {
  /** Whether other tabs can be seen at all (Web Locks). */
  readonly shared: boolean;
  /** Takes the session's lock; waits up to `waitMs` for a tab that is closing. False if another tab holds it. */
  claim(id: string, waitMs?: number): Promise<boolean>;
  release(id: string): void;
  /** Sessions some tab holds now (this one's included). */
  held(): Promise<Set<string>>;
}

export function browserLocks(): TabLocks {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  const releasers = new Map<string, () => void>();
  if (!locks) {
    return {
      shared: false,
      claim: async (id) => (releasers.set(id, () => {}), true),
      release: (id) => void releasers.delete(id),
      held: async () => new Set(releasers.keys()),
    };
  }
  return {
    shared: true,
    claim(id, waitMs = 0) {
      if (releasers.has(id)) return Promise.resolve(true);
      return new Promise<boolean>((resolve) => {
        const abort = new AbortController();
        const timer = waitMs > 0 ? setTimeout(() => abort.abort(), waitMs) : undefined;
        const options: LockOptions = waitMs > 0 ? { signal: abort.signal } : { ifAvailable: true };
        locks
          .request(PREFIX + id, options, (lock) => {
            clearTimeout(timer);
            if (!lock) {
              resolve(false);
              return undefined;
            }
            resolve(true);
            // Held until released: the lock lives as long as this promise is pending.
            return new Promise<void>((done) => releasers.set(id, done));
          })
          .catch((e: unknown) => {
            // An abort is the wait running out (another tab holds it); anything else is real.
            if (!(e instanceof DOMException && e.name === 'AbortError')) console.error(`Could not claim session ${id}:`, e);
            resolve(false);
          });
      });
    },
    release(id) {
      releasers.get(id)?.();
      releasers.delete(id);
    },
    async held() {
      const state = await locks.query();
      return new Set((state.held ?? []).flatMap((l) => (l.name?.startsWith(PREFIX) ? [l.name.slice(PREFIX.length)] : [])));
    },
  };
}

/** A TabLocks shared by several simulated tabs (tests). */
export function memoryLocks(heldByAll = new Set<string>()): TabLocks {
  const mine = new Set<string>();
  return {
    shared: true,
    claim: async (id) => {
      if (mine.has(id)) return true;
      if (heldByAll.has(id)) return false;
      heldByAll.add(id);
      mine.add(id);
      return true;
    },
    release: (id) => {
      if (mine.delete(id)) heldByAll.delete(id);
    },
    held: async () => new Set(heldByAll),
  };
}
