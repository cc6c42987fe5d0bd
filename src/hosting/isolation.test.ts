import { describe, expect, it, vi } from 'vitest';
import { ensureIsolation, isolation, singleThreadSentence, type IsolationEnv, type NotIsolatedCause } from './isolation';

function env(over: Partial<IsolationEnv> & { register?: () => Promise<unknown>; ready?: Promise<unknown>; controlled?: boolean; flagged?: boolean } = {}) {
  const calls = { register: 0, reload: 0, set: 0, clear: 0 };
  let flagged = over.flagged ?? false;
  const e: IsolationEnv = {
    isolated: false,
    inFrame: false,
    protocol: 'https:',
    secure: true,
    serviceWorker: {
      controlled: over.controlled ?? false,
      register: () => (calls.register++, over.register ? over.register() : Promise.resolve({})),
      ready: over.ready ?? Promise.resolve({}),
    },
    flag: { get: () => flagged, set: () => (calls.set++, (flagged = true)), clear: () => (calls.clear++, (flagged = false)) },
    reload: () => void calls.reload++,
    timeoutMs: 50,
    ...over,
  };
  return { e, calls, flagged: () => flagged };
}

/** Resolves with the result, or 'pending' when ensureIsolation is still waiting (it reloaded). */
async function settle(p: Promise<unknown>): Promise<unknown> {
  return Promise.race([p, new Promise((r) => setTimeout(() => r('pending'), 200))]);
}

describe('ensureIsolation', () => {
  it('does nothing on an isolated page, and clears the reload flag', async () => {
    const { e, calls, flagged } = env({ isolated: true, flagged: true });
    expect(await ensureIsolation(e)).toEqual({ isolated: true, by: 'server' });
    expect(calls).toMatchObject({ register: 0, reload: 0 });
    expect(flagged()).toBe(false);
    expect(isolation()).toEqual({ isolated: true, by: 'server' });
    expect((await ensureIsolation(env({ isolated: true, controlled: true }).e))).toEqual({ isolated: true, by: 'service worker' });
  });

  it('registers the service worker, reloads once, and never starts the app on the page going away', async () => {
    const { e, calls, flagged } = env();
    expect(await settle(ensureIsolation(e))).toBe('pending');
    expect(calls).toMatchObject({ register: 1, reload: 1 });
    expect(flagged()).toBe(true);
  });

  it('does not reload a second time when the reload did not isolate the page', async () => {
    const { e, calls } = env({ flagged: true, controlled: true });
    expect(await ensureIsolation(e)).toMatchObject({ isolated: false, cause: 'not-taken-over' });
    expect(calls).toMatchObject({ register: 0, reload: 0 });
  });

  it.each<[string, Partial<IsolationEnv>, NotIsolatedCause]>([
    ['in a frame', { inFrame: true }, 'frame'],
    ['from a file', { protocol: 'file:', secure: false }, 'file'],
    ['over plain http elsewhere than localhost', { protocol: 'http:', secure: false }, 'insecure'],
    ['without service workers', { serviceWorker: undefined }, 'no-service-worker'],
    ['without session storage', { flag: undefined }, 'no-storage'],
    ['in a browser without isolation', { isolated: undefined }, 'unsupported'],
  ])('starts at once, not isolated, %s', async (_, over, cause) => {
    const { e, calls } = env(over);
    expect(await ensureIsolation(e)).toMatchObject({ isolated: false, cause });
    expect(calls).toMatchObject({ register: 0, reload: 0 });
  });

  it('starts without when registering fails, is blocked or hangs', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const failed = env({ register: () => Promise.reject(new Error('denied')) });
    expect(await ensureIsolation(failed.e)).toEqual({ isolated: false, cause: 'register-failed', detail: 'denied' });
    // Playwright's serviceWorkers: 'block' resolves register() with nothing.
    const blocked = env({ register: () => Promise.resolve(undefined) });
    expect(await ensureIsolation(blocked.e)).toMatchObject({ isolated: false, cause: 'register-failed' });
    const hangs = env({ register: () => new Promise(() => {}) });
    expect(await ensureIsolation(hangs.e)).toMatchObject({ isolated: false, cause: 'timeout' });
    const neverActive = env({ ready: new Promise(() => {}) });
    expect(await ensureIsolation(neverActive.e)).toMatchObject({ isolated: false, cause: 'timeout' });
    for (const c of [failed, blocked, hangs, neverActive]) expect(c.calls.reload).toBe(0);
    warn.mockRestore();
  });
});

describe('singleThreadSentence', () => {
  const causes: NotIsolatedCause[] = ['unsupported', 'frame', 'file', 'insecure', 'no-service-worker', 'no-storage', 'register-failed', 'timeout', 'not-taken-over'];
  it.each(causes)('is one sentence on why for %s', (cause) => {
    const s = singleThreadSentence({ isolated: false, cause });
    expect(s).toMatch(/^Training uses one thread: [^.]*\.$/);
  });
  it('names the service worker where it was tried', () => {
    expect(singleThreadSentence({ isolated: false, cause: 'register-failed' })).toBe(
      'Training uses one thread: this page is not cross-origin isolated (the server sends no COOP/COEP headers and the service worker could not be registered).',
    );
  });
});
