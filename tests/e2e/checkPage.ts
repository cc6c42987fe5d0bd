// The check page (bench.html, src/bench/browser) built and served for a spec's tests: the
// kernels' comparisons with plain tfjs run there, inside a real Web Worker.
import { test } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';

/** Builds the page before the spec's tests and serves it on `port` until they are done. */
export function serveCheckPage(port: number): void {
  let server: ChildProcess | undefined;
  test.beforeAll(async () => {
    test.setTimeout(240_000);
    const built = spawnSync('npx', ['vite', 'build', '--config', 'vite.bench.config.ts', '--logLevel', 'error'], { encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`building the check page failed: ${built.stderr}`);
    server = spawn('npx', ['vite', 'preview', '--config', 'vite.bench.config.ts', '--port', String(port), '--strictPort'], { stdio: 'ignore', detached: true });
    for (let i = 0; i < 120; i++) {
      if (await fetch(`http://127.0.0.1:${port}/bench.html`).then((r) => r.ok).catch(() => false)) return;
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new Error('The check page server did not start.');
  });
  test.afterAll(() => {
    if (server?.pid) process.kill(-server.pid, 'SIGTERM');
  });
}
