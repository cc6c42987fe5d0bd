// Safe training and a safe page: a diverging run stops with a sentence that names the
// cause and the app stays usable; a crashed worker is reported and can be restarted; a bad
// file dropped on the canvas changes nothing; and the Content-Security-Policy holds while
// the app trains in its worker (wasm threads run as blob: workers) — no violations.
import { expect, test, type Page } from '@playwright/test';
import { PPCA_NODE_IDS, flowNodes, openApp } from './helpers';
import { savedDoc, watchCsp } from './sessionHelpers';

async function trainToEnd(page: Page, epochs: number): Promise<void> {
  await page.getByTestId('train-field-epochs').fill(String(epochs));
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('progress-label')).toHaveAttribute('data-status', 'finished', { timeout: 90_000 });
}

test('a diverging run stops with the likely cause, and the app stays usable', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('train-field-optimizer').selectOption('sgd');
  await page.getByTestId('train-field-learningRate').fill('10');
  await page.getByTestId('train-field-epochs').fill('50');
  await page.getByTestId('train-button').click();
  const error = page.getByTestId('train-error');
  await expect(error).toContainText('diverged', { timeout: 90_000 });
  await expect(error).toContainText('learning rate');
  await expect(page.getByTestId('progress-label')).toHaveAttribute('data-status', 'failed');

  // Still usable: edit the graph, fix the setting, train to the end.
  await expect(page.getByTestId('train-button')).toBeEnabled();
  await page.getByTestId('train-field-optimizer').selectOption('adam');
  await page.getByTestId('train-field-learningRate').fill('0.1');
  await trainToEnd(page, 10);
  await expect(page.getByTestId('train-error')).toHaveCount(0);
  await expect(flowNodes(page)).toHaveCount(PPCA_NODE_IDS.length);
});

test('a crashed worker is reported and can be restarted', async ({ page }) => {
  await openApp(page);
  await expect(page.getByTestId('backend-label')).not.toContainText('asking');
  await page.getByTestId('train-field-epochs').fill('100000');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('progress-label')).toHaveAttribute('data-status', 'running', { timeout: 60_000 });

  const trainer = page.workers().find((w) => w.url().includes('trainer.worker'));
  expect(trainer, 'the training worker').toBeDefined();
  await trainer!.evaluate(() => {
    setTimeout(() => {
      throw new Error('simulated crash');
    });
  });
  const error = page.getByTestId('train-error');
  await expect(error).toContainText('training worker stopped');
  await expect(error).toContainText('simulated crash');
  const restart = page.getByTestId('restart-worker');
  await expect(restart).toBeVisible();
  await expect(page.getByTestId('train-button')).toBeEnabled();

  await restart.click();
  await expect(restart).toHaveCount(0);
  await expect(page.getByTestId('status-message')).toContainText('new training worker');
  await trainToEnd(page, 5);
  await expect(page.getByTestId('train-error')).toHaveCount(0);
});

test('a bad file dropped on the canvas leaves the graph exactly as it was', async ({ page }) => {
  await openApp(page);
  const before = await savedDoc(page);
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['{ "format": "latent-canvas.graph", "version": 2, "nodes": [ {'], 'dropped.json', { type: 'application/json' }));
    const target = document.querySelector('.canvas')!;
    const at = { bubbles: true, cancelable: true, clientX: 500, clientY: 400, dataTransfer: dt };
    target.dispatchEvent(new DragEvent('dragover', at));
    target.dispatchEvent(new DragEvent('drop', at));
  });
  const error = page.getByTestId('file-error');
  await expect(error).toBeVisible();
  await expect(error).toContainText('dropped.json');
  await expect(error).toContainText('not valid JSON');
  await expect(flowNodes(page)).toHaveCount(PPCA_NODE_IDS.length);
  expect(await savedDoc(page)).toEqual(before);
  await expect(page.getByTestId('undo')).toBeDisabled();
});

test('the Content-Security-Policy is in force and nothing violates it while training', async ({ page }) => {
  const violations = await watchCsp(page);
  const response = await page.goto('/');
  const header = response!.headers()['content-security-policy'] ?? '';
  expect(header).toContain("script-src 'self' 'wasm-unsafe-eval' blob:");
  expect(header).toContain("frame-ancestors 'none'");
  expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toContain("object-src 'none'");
  for (const id of PPCA_NODE_IDS) await expect(page.getByTestId(`node-${id}`)).toBeVisible();

  // The policy really is enforced: an injected inline script does not run (and is reported).
  const injected = await page.evaluate(async () => {
    const w = window as unknown as { __injectedRan?: boolean; __cspViolations: string[] };
    const script = document.createElement('script');
    script.textContent = 'window.__injectedRan = true';
    document.head.appendChild(script);
    await new Promise((r) => setTimeout(r, 100));
    const seen = w.__cspViolations.splice(0);
    return { ran: w.__injectedRan === true, seen };
  });
  expect(injected.ran).toBe(false);
  expect(injected.seen.join('\n')).toContain('script-src');
  await violations.clear();

  await trainToEnd(page, 30);
  await expect(page.getByTestId('final-summary')).toBeVisible();
  // Formulas (KaTeX fonts and styles), the gallery, a share link: all within the policy.
  await page.getByTestId('share-link').click();
  await expect(page.getByTestId('share-link-url')).toBeVisible();
  await page.getByTestId('gallery-button').click();
  await page.getByTestId('gallery-item-vae-2d').click();
  await expect(page.getByTestId('node-enc')).toBeVisible();
  await page.getByTestId('train-field-epochs').fill('1');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('progress-label')).toHaveAttribute('data-status', /running|finished/, { timeout: 90_000 });
  await page.getByTestId('stop-button').click().catch(() => {});
  await expect(page.getByTestId('progress-label')).toHaveAttribute('data-status', /stopped|finished/, { timeout: 90_000 });
  expect(await violations.read()).toEqual([]);
});
