// `npm start` runs the Vite dev server, which serves tfjs unbundled (see optimizeDeps in
// vite.config.ts): the other specs test the production build, this one the start command.
import { expect, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';

const PORT = 5199;
let server: ChildProcess | undefined;

test.beforeAll(async () => {
  server = spawn('npx', ['vite', '--port', String(PORT), '--strictPort'], { stdio: 'ignore', detached: true });
  // Wait for the server to answer (the first request also triggers dependency bundling).
  for (let i = 0; i < 120; i++) {
    const ok = await fetch(`http://127.0.0.1:${PORT}/`).then((r) => r.ok).catch(() => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('The dev server did not start within 60 s.');
});

test.afterAll(() => {
  if (server?.pid) process.kill(-server.pid, 'SIGTERM');
});

test('the dev server (npm start) serves the editor, and training runs in the worker', async ({ page }) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`http://127.0.0.1:${PORT}/`);
  await expect(page.getByTestId('node-loss')).toBeVisible({ timeout: 90_000 });
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('final-summary')).toBeVisible({ timeout: 150_000 });
  await expect(page.getByTestId('backend-label')).toContainText(/wasm|webgl|webgpu|cpu/);
  expect(errors).toEqual([]);
});
