// Safe mode's memory: a start that never came up. Before a session's graph is parsed and
// rendered, a flag naming the session is set in localStorage; it is cleared once the app
// has rendered and stayed up a moment (or the page is left normally while it shows
// something). A start that hung or crashed never clears it, and an uncaught error that
// empties the page sets it again. The next start of that session — in this tab or in
// another one, hence localStorage — finds the flag and opens in safe mode.

const PREFIX = 'latent-canvas.starting:';
/** How long the app must stay up after its first render to count as started. */
export const STAY_UP_MS = 1000;

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined; // storage blocked: no safe mode, the app starts as usual
  }
}

export function crashedLastTime(id: string): boolean {
  try {
    return storage()?.getItem(PREFIX + id) != null;
  } catch {
    return false;
  }
}

export function markStarting(id: string): void {
  try {
    storage()?.setItem(PREFIX + id, String(Date.now()));
  } catch (e) {
    console.error('Could not note the start (safe mode will not know of a crash):', e);
  }
}

export function markStarted(id: string): void {
  try {
    storage()?.removeItem(PREFIX + id);
  } catch {
    // Nothing to do: the worst case is one unneeded safe-mode start.
  }
}

/**
 * Watches the page after its first render: clears the flag when it stays up, sets it
 * when the root is emptied (React unmounts the whole tree on an uncaught render error).
 * Returns the function to call on such an error (createRoot's onUncaughtError).
 */
export function watchStartup(root: HTMLElement, sessionId: () => string): () => void {
  const shows = () => root.childElementCount > 0;
  const crashed = () => markStarting(sessionId());
  let settled = false;
  const timer = setTimeout(() => {
    settled = true;
    if (shows()) markStarted(sessionId());
  }, STAY_UP_MS);
  // Left normally (a quick reload) before the moment was up, while it showed something:
  // that start was fine. After the moment, only a crash writes the flag again.
  window.addEventListener('pagehide', () => {
    clearTimeout(timer);
    if (!settled && shows()) markStarted(sessionId());
    settled = true;
  });
  let seen = false;
  new MutationObserver(() => {
    if (shows()) seen = true;
    else if (seen) crashed();
  }).observe(root, { childList: true });
  return crashed;
}
