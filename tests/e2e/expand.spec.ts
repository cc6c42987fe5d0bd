// Expand into parts: open the IWAE graph from the gallery, select its loss, expand it — the
// log-densities, log w, the log-mean-exp and the objective are on the canvas, wired without
// errors — then undo brings the single loss back and redo expands it again.
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { edgeIds, openApp, showWholeGraph } from './helpers';

const PARTS = ['loss-logLik', 'loss-logPrior', 'loss-logQ', 'loss-logW', 'loss-reduce', 'loss-objective'];

test('expand the IWAE loss into parts, undo and redo', async ({ page }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await openApp(page);
  await page.getByTestId('gallery-button').click();
  await page.getByTestId('gallery-item-importance-sampling').click();
  const loss = page.getByTestId('node-loss');
  await expect(loss).toBeVisible();
  await showWholeGraph(page);

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
  await showWholeGraph(page);
  await page.getByTestId('node-loss').locator('.model-node-header').click();
  await page.getByTestId('inspector').getByTestId('expand-estimator').click();
  await expect(page.getByText(/integrates z out in closed form/)).toBeVisible();
  await expect(page.getByTestId('node-loss')).toBeVisible();
});

// The round trip: expand, make a block of the parts, open it, edit inside (the one
// edit that turns IWAE into the ELBO), close, undo, save, open — nothing lost on the way.
test('expand, make a block of the parts, edit inside, close, undo, save and open again', async ({ page }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await openApp(page);
  await page.getByTestId('gallery-button').click();
  await page.getByTestId('gallery-item-importance-sampling').click();
  await expect(page.getByTestId('node-loss')).toBeVisible();
  await showWholeGraph(page);
  await page.getByTestId('node-loss').locator('.model-node-header').click();
  await page.getByTestId('inspector').getByTestId('expand-estimator').click();
  await expect(page.getByTestId('node-loss-reduce')).toBeVisible();
  const formula = page.getByTestId('objective-panel');
  await expect(formula).toContainText('IWAE: log-mean-exp');

  // The expansion leaves its parts selected: make them one block.
  await page.getByTestId('make-block').click();
  const block = page.locator('.react-flow__node[data-id^="block-"]').first();
  await expect(block).toBeVisible();
  for (const id of PARTS) await expect(page.getByTestId(`node-${id}`)).toHaveCount(0);
  await expect(page.getByTestId('node-errors')).toHaveCount(0);
  const blockId = await block.getAttribute('data-id');

  // Open it and swap log-mean-exp for the mean: the ELBO.
  await block.locator('.model-node-header').dblclick();
  await expect(page.getByTestId('block-breadcrumb')).toBeVisible();
  await page.getByTestId('node-loss-reduce').locator('.model-node-header').click();
  await page.getByTestId('inspector').getByTestId('field-op').selectOption('mean');
  await expect(page.getByTestId('node-loss-reduce')).toContainText(/mean/i);
  // The formula, composed from the parts, now reads as the ELBO.
  await expect(formula).toContainText('ELBO');
  await expect(formula).not.toContainText('log-mean-exp');
  await page.getByTestId('crumb-0').click();
  await expect(page.getByTestId('block-breadcrumb')).toHaveCount(0);

  // Undo: the reduction is log-mean-exp again inside the block.
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('ControlOrMeta+Z');
  await block.locator('.model-node-header').dblclick();
  await page.getByTestId('node-loss-reduce').locator('.model-node-header').click();
  await expect(page.getByTestId('inspector').getByTestId('field-op')).toHaveValue('logMeanExp');
  await page.keyboard.press('Escape');

  // Save, open the file over another graph: the block, its parts and their wiring are back.
  const downloaded = page.waitForEvent('download');
  await page.getByTestId('save-graph').click();
  const download = await downloaded;
  const text = await readFile(await download.path(), 'utf8');
  const saved = JSON.parse(text);
  const def = saved.blocks[saved.nodes.find((n: { id: string }) => n.id === blockId).params.block];
  expect(def.nodes.map((n: { id: string }) => n.id)).toEqual(expect.arrayContaining(PARTS));
  await page.getByTestId('gallery-button').click();
  await page.getByTestId('gallery-item-ppca').click();
  await page.getByTestId('open-file-input').setInputFiles({ name: 'round-trip.json', mimeType: 'application/json', buffer: Buffer.from(text, 'utf8') });
  await expect(page.locator(`.react-flow__node[data-id="${blockId}"]`)).toBeVisible();
  await expect(page.getByTestId('file-error')).toHaveCount(0);
  await expect(page.getByTestId('node-errors')).toHaveCount(0);
  await expect(page.getByTestId('graph-errors')).toHaveCount(0);
  await page.locator(`.react-flow__node[data-id="${blockId}"]`).locator('.model-node-header').dblclick();
  for (const id of PARTS) await expect(page.getByTestId(`node-${id}`)).toBeVisible();
  expect(pageErrors).toEqual([]);
});
