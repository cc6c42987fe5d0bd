// Hosting anywhere: the built folder on a plain static server that sends no special headers
// (as GitHub Pages), under a sub-path (/latent-canvas/, as GitHub Pages serves a project).
// The service worker supplies cross-origin isolation: the page reloads once, is isolated,
// and trains MNIST on more than one thread. With service workers blocked the app still
// trains, on one thread, and the training panel says why.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { PPCA_NODE_IDS } from './helpers';
import { serveStatic, type StaticServer } from './staticServer';

// Its own build, so other runs' folders are left alone.
const OUT_DIR = `dist-hosting-${process.env.E2E_PORT || 4173}`;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  // The same command a deployment runs (`npm run build`), into this spec's folder.
  execFileSync('npm', ['run', 'build', '--', '--outDir', OUT_DIR, '--emptyOutDir'], { stdio: 'pipe' });
  expect(existsSync(`${OUT_DIR}/coi-serviceworker.js`)).toBe(true);
});

type Doc = { nodes: { id: string; params: Record<string, unknown> }[]; training: Record<string, unknown>; meta: { title: string } };

async function appUp(page: Page): Promise<void> {
  for (const id of PPCA_NODE_IDS) await expect(page.getByTestId(`node-${id}`)).toBeVisible({ timeout: 60_000 });
}

const isolated = (page: Page) => page.evaluate(() => crossOriginIsolated).catch(() => undefined);
const documentLoads = (server: StaticServer, prefix: string) => server.requests.filter((p) => p === prefix || p === `${prefix}index.html`).length;

test.describe('served by a static server without COOP/COEP, under /latent-canvas/', () => {
  let server: StaticServer;
  test.beforeAll(async () => void (server = await serveStatic(OUT_DIR, '/latent-canvas/')));
  test.afterAll(async () => server?.close());

  test('the service worker takes over (one reload), the page is isolated and trains MNIST on more than one thread', async ({ page }) => {
    test.setTimeout(240_000);
    await page.goto(server.url);
    await expect.poll(() => isolated(page), { timeout: 60_000 }).toBe(true);
    await appUp(page);
    expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
    // The document was asked for twice: the first load, and the one reload; no more.
    expect(documentLoads(server, '/latent-canvas/')).toBe(2);

    const label = page.getByTestId('backend-label');
    await expect(label).toHaveAttribute('data-threads', /^\d+$/, { timeout: 60_000 });
    expect(Number(await label.getAttribute('data-threads'))).toBeGreaterThan(1);
    await expect(label).toContainText(/threads/);
    await expect(page.getByTestId('backend-single-thread')).toHaveCount(0);

    // A small VAE on MNIST: the digits, the wasm files and the worker all load under the sub-path.
    const doc: Doc = JSON.parse(readFileSync('graphs/vae.json', 'utf8'));
    doc.nodes.find((n) => n.id === 'enc')!.params.units = 16;
    doc.nodes.find((n) => n.id === 'dec')!.params.hidden = [16];
    doc.training = { ...doc.training, epochs: 1, batchSize: 256, evalSamples: 5 };
    doc.meta.title = 'Hosted VAE';
    await page.getByTestId('open-file-input').setInputFiles({ name: 'hosted-vae.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc), 'utf8') });
    await expect(page.getByTestId('doc-title')).toHaveValue('Hosted VAE');
    await page.getByTestId('train-button').click();
    const summary = page.getByTestId('final-summary');
    await expect(summary).toBeVisible({ timeout: 180_000 });
    await expect(page.getByTestId('train-error')).toHaveCount(0);
    expect(Number(await label.getAttribute('data-threads'))).toBeGreaterThan(1);
    expect(server.requests).toContain('/latent-canvas/data/mnist-10k.bin.gz');
    expect(server.requests.filter((p) => !p.startsWith('/latent-canvas/'))).toEqual([]);

    // Later loads are isolated from the start: no second reload (the tab's graph comes back).
    await page.reload();
    await expect(page.getByTestId('doc-title')).toHaveValue('Hosted VAE', { timeout: 60_000 });
    expect(await isolated(page)).toBe(true);
    expect(documentLoads(server, '/latent-canvas/')).toBe(3);
  });
});

test.describe('with service workers blocked', () => {
  test.use({ serviceWorkers: 'block' });
  let server: StaticServer;
  test.beforeAll(async () => void (server = await serveStatic(OUT_DIR, '/')));
  test.afterAll(async () => server?.close());

  test('the app trains on one thread and the panel says why', async ({ page }) => {
    test.setTimeout(180_000);
    await page.goto(server.url);
    await appUp(page);
    expect(await isolated(page)).toBe(false);
    expect(documentLoads(server, '/')).toBe(1);

    const sentence = page.getByTestId('backend-single-thread');
    await expect(sentence).toHaveText(
      'Training uses one thread: this page is not cross-origin isolated (the server sends no COOP/COEP headers and the service worker could not be registered).',
      { timeout: 60_000 },
    );
    const label = page.getByTestId('backend-label');
    await expect(label).toHaveAttribute('data-threads', '1');

    await page.getByTestId('train-field-epochs').fill('5');
    await page.getByTestId('train-field-epochs').blur();
    await page.getByTestId('train-button').click();
    await expect(page.getByTestId('final-summary')).toBeVisible({ timeout: 120_000 });
    await expect(page.getByTestId('train-error')).toHaveCount(0);
    await expect(label).toHaveAttribute('data-threads', '1');
    await expect(sentence).toBeVisible();
  });
});
