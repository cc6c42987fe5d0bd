// Expand into parts: open the IWAE graph from the gallery, select its loss, expand it — the
// log-densities, log w, the log-mean-exp and the objective are on the canvas, wired without
// errors — then undo brings the single loss back and redo expands it again.
import { expect, test } from '@playwright/test';
import { edgeIds, openApp } from './helpers';

const PARTS = ['loss-logLik', 'loss-logPrior', 'loss-logQ', 'loss-logW', 'loss-reduce', 'loss-objective'];

test('expand the IWAE loss into parts, undo and redo', async ({ page }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await openApp(page);
  await page.getByTestId('gallery-button').click();
  await page.getByTestId('gallery-item-importance-sampling').click();
  const loss = page.getByTestId('node-loss');
  await expect(loss).toBeVisible();

  await loss.locator('.model-node-header').click();
  await page.getByTestId('inspector').getByTestId('expand-estimator').click();

  await expect(loss).toHaveCount(0);
  for (const id of PARTS) await expect(page.getByTestId(`node-${id}`)).toBeVisible();
  await expect(page.getByTestId('node-loss-logLik')).toContainText('log p(x|z)');
  await expect(page.getByTestId('node-loss-reduce')).toContainText('IWAE: log-mean-exp');
  // Wired to the same sampler, likelihood, prior and proposal.
  expect(await edgeIds(page)).toEqual(expect.arrayContaining(['lik.dist-loss-logLik.dist', 'data.x-loss-logLik.value', 'sampler.z-loss-logQ.value', 'q.dist-loss-logQ.dist', 'prior.dist-loss-logPrior.dist']));
  await expect(page.getByTestId('node-errors')).toHaveCount(0);

  await page.getByTestId('undo').click();
  await expect(loss).toBeVisible();
  for (const id of PARTS) await expect(page.getByTestId(`node-${id}`)).toHaveCount(0);
  await expect(page.getByTestId('node-errors')).toHaveCount(0);

  await page.getByTestId('redo').click();
  await expect(loss).toHaveCount(0);
  for (const id of PARTS) await expect(page.getByTestId(`node-${id}`)).toBeVisible();
  await expect(page.getByTestId('node-errors')).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});

test('the exact marginal NLL says why it stays one part', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('node-loss').locator('.model-node-header').click();
  await page.getByTestId('inspector').getByTestId('expand-estimator').click();
  await expect(page.getByText(/integrates z out in closed form/)).toBeVisible();
  await expect(page.getByTestId('node-loss')).toBeVisible();
});
