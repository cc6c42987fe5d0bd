// Cross-origin isolation wherever the app is hosted. Threads (SharedArrayBuffer, shared
// WebAssembly memory) need a cross-origin-isolated page, which takes two response headers
// (COOP: same-origin, COEP: require-corp). `vite preview` and the dev server send them; a
// plain static host (GitHub Pages) cannot. There the service worker of the npm package
// coi-serviceworker (copied into the build as `coi-serviceworker.js`, see vite.config.ts)
// adds them to every response it passes on: the page registers it, reloads once when it has
// taken over, and from then on every load of the app is isolated.
//
// This runs before anything else starts (main.tsx awaits it before the session boots and
// the training worker starts), so the one reload never interrupts a boot: a share link
// still in the address bar, the session's lock or safe mode's start flag. It never loops:
// a flag in sessionStorage allows one reload per tab until a load comes up isolated. Where
// isolation cannot be had (no service workers, a frame, a file) the app starts as it is and
// trains on one thread; `singleThreadSentence` says why, in the training panel.

/** Why the page is not cross-origin isolated (what was tried, and what stopped it). */
export type NotIsolatedCause =
  | 'unsupported' // the browser has no notion of cross-origin isolation
  | 'frame' // inside a frame: isolated only when the page around it is
  | 'file' // opened from file://
  | 'insecure' // http:// on another host than localhost: no service workers
  | 'no-service-worker' // none here (a private window, turned off)
  | 'no-storage' // sessionStorage blocked: a reload could not be counted
  | 'register-failed' // registering refused (or blocked)
  | 'timeout' // registered, but it did not become active in time
  | 'not-taken-over'; // reloaded once, and still not isolated

export type Isolation = { isolated: true; by: 'server' | 'service worker' } | { isolated: false; cause: NotIsolatedCause; detail?: string };

/** What the decision looks at, injectable for the tests. */
export interface IsolationEnv {
  /** `crossOriginIsolated`: undefined where the browser has none. */
  isolated: boolean | undefined;
  inFrame: boolean;
  protocol: string;
  secure: boolean;
  serviceWorker?: {
    controlled: boolean;
    register(url: string): Promise<unknown>;
    /** Resolves once the registration for this page has an active worker. */
    ready: Promise<unknown>;
  };
  /** The one-reload flag of this tab; undefined when sessionStorage cannot be used. */
  flag?: { get(): boolean; set(): void; clear(): void };
  reload(): void;
  /** How long registration and activation may take before the app starts without. */
  timeoutMs: number;
}

export const SERVICE_WORKER_FILE = 'coi-serviceworker.js';
const FLAG = 'latent-canvas.coi-reloaded';
const TIMEOUT_MS = 10_000;

let current: Isolation | undefined;

/** What `ensureIsolation` found on this load (undefined before it ran, e.g. in unit tests). */
export function isolation(): Isolation | undefined {
  return current;
}

function sessionFlag(): IsolationEnv['flag'] {
  try {
    const s = globalThis.sessionStorage;
    s.setItem(`${FLAG}.probe`, '1');
    s.removeItem(`${FLAG}.probe`);
    return { get: () => s.getItem(FLAG) !== null, set: () => s.setItem(FLAG, String(Date.now())), clear: () => s.removeItem(FLAG) };
  } catch {
    return undefined;
  }
}

function browserEnv(): IsolationEnv {
  const sw = typeof navigator !== 'undefined' ? navigator.serviceWorker : undefined;
  let inFrame = false;
  try {
    inFrame = window.top !== window.self;
  } catch {
    inFrame = true; // a cross-origin parent: reading top throws in some browsers
  }
  return {
    isolated: typeof crossOriginIsolated === 'boolean' ? crossOriginIsolated : undefined,
    inFrame,
    protocol: location.protocol,
    secure: isSecureContext,
    serviceWorker: sw
      ? {
          controlled: !!sw.controller,
          // Next to index.html, whatever path the app is served under; its scope is that folder.
          register: (url) => sw.register(new URL(url, document.baseURI).href),
          get ready() {
            return sw.ready;
          },
        }
      : undefined,
    flag: sessionFlag(),
    reload: () => location.reload(),
    timeoutMs: TIMEOUT_MS,
  };
}

function within<T>(p: Promise<T>, ms: number): Promise<T | 'timeout'> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve('timeout'), ms);
    p.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e) => (clearTimeout(timer), reject(e)),
    );
  });
}

/**
 * Makes the page cross-origin isolated if it is not and can be: resolves with what it found
 * when the app should start now; never resolves when it has asked for the one reload (the
 * app must not start on a page that is about to go away).
 */
export async function ensureIsolation(given?: IsolationEnv): Promise<Isolation> {
  const done = (i: Isolation) => ((current = i), i);
  const not = (cause: NotIsolatedCause, detail?: string) => done({ isolated: false, cause, ...(detail ? { detail } : {}) });
  let env: IsolationEnv;
  try {
    env = given ?? browserEnv();
  } catch (e) {
    return not('unsupported', e instanceof Error ? e.message : String(e));
  }
  if (env.isolated === true) {
    env.flag?.clear(); // isolated: a later load (after a hard reload, say) may reload once again
    return done({ isolated: true, by: env.serviceWorker?.controlled ? 'service worker' : 'server' });
  }
  if (env.isolated === undefined) return not('unsupported');
  // A frame is isolated only when the page around it is and allows it; reloading it would
  // only disturb the page around it (an embed). Same-origin frames under this service
  // worker get its headers anyway.
  if (env.inFrame) return not('frame');
  if (env.protocol === 'file:') return not('file');
  if (!env.secure) return not('insecure');
  const sw = env.serviceWorker;
  if (!sw) return not('no-service-worker');
  const flag = env.flag;
  if (!flag) return not('no-storage');
  // Reloaded once already in this tab and still not isolated: the service worker could not
  // take over (or the browser ignores its headers). Start without; never reload again.
  if (flag.get()) return not('not-taken-over');
  try {
    const registration = await within(sw.register(SERVICE_WORKER_FILE), env.timeoutMs);
    if (registration === 'timeout') return not('timeout');
    // Playwright's serviceWorkers: 'block' (and some wrappers) resolve with nothing.
    if (!registration) return not('register-failed', 'registration returned nothing');
    if (!sw.controlled && (await within(sw.ready, env.timeoutMs)) === 'timeout') return not('timeout');
  } catch (e) {
    console.warn('The service worker that supplies cross-origin isolation could not be registered:', e);
    return not('register-failed', e instanceof Error ? e.message : String(e));
  }
  // Active (and claiming this page): the next load of it goes through the worker.
  flag.set();
  env.reload();
  return new Promise<never>(() => {});
}

const NO_HEADERS = 'Training uses one thread: this page is not cross-origin isolated (the server sends no COOP/COEP headers';

/** The training panel's one sentence on why training runs on one thread. */
export function singleThreadSentence(i: Isolation | undefined = current): string {
  if (!i || i.isolated) return 'Training uses one thread: this page is not cross-origin isolated.';
  switch (i.cause) {
    case 'unsupported':
      return 'Training uses one thread: this browser does not offer cross-origin isolation, which threads need.';
    case 'frame':
      return 'Training uses one thread: this page is shown inside a frame, and a frame is cross-origin isolated only when the page around it is.';
    case 'file':
      return 'Training uses one thread: a page opened as a file cannot be cross-origin isolated (serve the folder with a static server instead).';
    case 'insecure':
      return `${NO_HEADERS}, and the service worker that would add them needs https or localhost).`;
    case 'no-service-worker':
      return `${NO_HEADERS}, and this browser offers no service workers here, as in a private window).`;
    case 'no-storage':
      return `${NO_HEADERS}, and with this site's storage blocked the service worker is not used).`;
    case 'register-failed':
      return `${NO_HEADERS} and the service worker could not be registered).`;
    case 'timeout':
      return `${NO_HEADERS} and the service worker did not take over in time).`;
    case 'not-taken-over':
      return `${NO_HEADERS} and the service worker could not take over).`;
  }
}
