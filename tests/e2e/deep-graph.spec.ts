// Issue 3: a browser test opens and trains one deep graph — the 2-D VAE on MNIST from the
// gallery, one epoch in the real worker — and gets an importance-sampled test NLL.
import { expect, test, type Page } from '@playwright/test';
import { numberAttr, openApp } from './helpers';

/** Opens a lecture graph from the gallery and waits for one of its nodes. */
async function openGalleryGraph(page: Page, name: string, nodeId: string): Promise<void> {
  await page.getByTestId('gallery-button').click();
  await page.getByTestId(`gallery-item-${name}`).click();
  await expect(page.getByTestId(`node-${nodeId}`)).toBeVisible();
}

test('the 2-D VAE trains one epoch on MNIST and reports an importance-sampled test NLL', async ({ page }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await openApp(page);
  await openGalleryGraph(page, 'vae-2d', 'enc');
  await page.getByTestId('train-field-epochs').fill('1');
  await expect(page.getByTestId('train-field-epochs')).toHaveValue('1');

  await page.getByTestId('train-button').click();
  const bar = page.getByTestId('progress-bar');
  await expect(page.getByTestId('progress-label')).toHaveAttribute('data-status', /running|finished/, { timeout: 60_000 });

  const summary = page.getByTestId('final-summary');
  await expect(summary).toBeVisible({ timeout: 100_000 });
  await expect(page.getByTestId('train-error')).toHaveCount(0);
  await expect(bar).toHaveAttribute('aria-valuenow', '100');

  const chart = page.getByTestId('loss-chart');
  await expect(chart).toHaveAttribute('data-epochs', '1');
  const trainLoss = await numberAttr(chart, 'data-last-train-loss');
  // Bernoulli NLL of a 784-pixel digit after one epoch: well below log 2 per pixel (543 nats).
  expect(trainLoss).toBeGreaterThan(50);
  expect(trainLoss).toBeLessThan(543);

  await expect(summary).toHaveAttribute('data-test-nll-method', /importance sampling/);
  const nll = await numberAttr(summary, 'data-test-nll');
  expect(nll).toBeGreaterThan(50);
  await expect(summary).toContainText('importance sampling');
  console.log(`vae-2d, 1 epoch: train loss ${trainLoss}, test NLL ${nll} (${await summary.getAttribute('data-test-nll-method')})`);
  expect(pageErrors).toEqual([]);
});
