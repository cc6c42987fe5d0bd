// The embed view inside an iframe on ANOTHER origin: Share ▸ Copy embed snippet gives the
// iframe; a page served by a second local server (http://localhost:<port>, another origin
// and another site than the app's http://127.0.0.1:<port>) holds it; the frame shows the
// canvas, the objective, Train and the loss chart, locked, and trains when Train is clicked
// inside it. The page around it is cross-origin isolated and lets the frame be too, so the
// frame trains with threads (the embed document is sent framable and `CORP: cross-origin`).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { openApp } from './helpers';

let server: Server;
let hostPage = '';
let origin = '';

test.beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url?.startsWith('/course.html')) {
      res.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Cross-Origin-Embedder-Policy': 'require-corp',
      });
      res.end(hostPage);
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://localhost:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

test('the embed snippet, framed by a page on another origin, shows the graph locked and trains', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('export-menu').click();
  await page.getByTestId('copy-embed-snippet').click();
  const snippet = await page.getByTestId('embed-snippet').inputValue();
  expect(snippet).toMatch(/^<iframe src="http:\/\/127\.0\.0\.1:\d+\/\?embed#share=[^"]+" width="800" height="500" /);

  hostPage = `<!doctype html><meta charset="utf-8"><title>A course page</title><h1>PPCA, live</h1>${snippet}`;
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${origin}/course.html`);
  await expect(page.locator('h1')).toHaveText('PPCA, live');

  const frame = page.frameLocator('iframe');
  const embed = frame.getByTestId('embed-view');
  await expect(embed).toBeVisible();
  for (const id of ['data', 'prior', 'loss']) await expect(frame.getByTestId(`node-${id}`)).toBeVisible();
  await expect(frame.getByTestId('objective-formula')).toBeVisible();
  // Only the canvas, the objective, Train and the chart: no top bar, palette or inspector.
  await expect(frame.locator('.topbar')).toHaveCount(0);
  await expect(frame.getByTestId('palette-column')).toHaveCount(0);
  await expect(frame.getByTestId('inspector')).toHaveCount(0);
  await expect(frame.locator('.react-flow__handle.connectable')).toHaveCount(0);

  const inner = page.frames().find((f) => f.url().includes('?embed'))!;
  expect(new URL(inner.url()).origin).not.toBe(new URL(page.url()).origin);
  const isolated = await inner.evaluate(() => crossOriginIsolated);

  await frame.getByTestId('train-button').click();
  const chart = frame.getByTestId('loss-chart');
  await expect(chart).toHaveAttribute('data-epochs', /^[1-9]\d*$/, { timeout: 90_000 });
  const first = Number(await chart.getAttribute('data-first-train-loss'));
  expect(Number.isFinite(first)).toBe(true);
  console.log(`embed: frame cross-origin isolated ${isolated}; epochs ${await chart.getAttribute('data-epochs')}`);
  expect(isolated).toBe(true);
  expect(pageErrors).toEqual([]);
});

test('?embed&course=…&step=N opens that course step in the embed view, locked', async ({ page }) => {
  await page.setViewportSize({ width: 800, height: 500 });
  await page.goto('/?embed&course=courses/lecture.course.json&step=2');
  await expect(page.getByTestId('embed-view')).toBeVisible();
  await expect(page.locator('.lc-embed-title')).toHaveText('Deterministic autoencoder (MNIST)');
  await expect(page.locator('.react-flow__handle.connectable')).toHaveCount(0);
  await expect(page.getByTestId('train-button')).toBeEnabled();
  // The address keeps the course, so a reload of the frame opens the same step.
  expect(new URL(page.url()).searchParams.get('course')).toBe('courses/lecture.course.json');
});
