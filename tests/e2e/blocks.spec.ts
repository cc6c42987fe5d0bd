// Blocks: select the VAE's encoder, Make block, open it, edit a setting inside, close it
// with the breadcrumb, undo and redo the edit, save, open the saved file: the block and its
// inner wiring are there, and the graph still analyses without errors.
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { openApp, showWholeGraph } from './helpers';

async function openGalleryGraph(page: Page, name: string, nodeId: string): Promise<void> {
  await page.getByTestId('gallery-button').click();
  await page.getByTestId(`gallery-item-${name}`).click();
  await expect(page.getByTestId(`node-${nodeId}`)).toBeVisible();
  await showWholeGraph(page);
}

const header = (page: Page, id: string) => page.getByTestId(`node-${id}`).locator('.model-node-header');

test('make a block, edit inside it, undo/redo, save and open it again', async ({ page }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await openApp(page);
  await openGalleryGraph(page, 'vae', 'enc');
  await expect(page.getByTestId('make-block')).toBeDisabled();

  // Select the encoder: its hidden layer, the two heads and q(z|x).
  await header(page, 'enc').click();
  for (const id of ['encMean', 'encLogvar', 'q']) await header(page, id).click({ modifiers: ['ControlOrMeta'] });
  await page.getByTestId('make-block').click();

  const block = page.getByTestId('node-block-1');
  await expect(block).toBeVisible();
  await expect(page.getByTestId('node-enc')).toHaveCount(0);
  await expect(block.getByTestId('block-summary')).toContainText('4 nodes');
  // Its ports: the data in, q's distribution out.
  await expect(page.locator('.react-flow__handle.target[data-nodeid="block-1"][data-handleid="in"]')).toHaveCount(1);
  await expect(page.locator('.react-flow__handle.source[data-nodeid="block-1"][data-handleid="dist"]')).toHaveCount(1);
  await expect(page.getByTestId('palette-blocks')).toContainText('Block 1');
  await expect(page.getByTestId('node-errors')).toHaveCount(0);

  // Open it (double-click): the inner nodes and a breadcrumb back.
  await block.locator('.model-node-header').dblclick();
  await expect(page.getByTestId('block-breadcrumb')).toBeVisible();
  await expect(page.getByTestId('node-enc')).toBeVisible();
  await expect(page.getByTestId('node-data')).toHaveCount(0);
  await expect(page.getByTestId('block-instances')).toContainText('1 instance');

  // Edit the hidden layer's width inside the block.
  await header(page, 'enc').click();
  const units = page.getByTestId('inspector').getByTestId('field-units');
  await units.fill('300');
  await units.press('Enter');
  await expect(page.getByTestId('node-enc')).toContainText('300');

  // Close with the breadcrumb.
  await page.getByTestId('crumb-0').click();
  await expect(page.getByTestId('block-breadcrumb')).toHaveCount(0);
  await expect(page.getByTestId('node-data')).toBeVisible();


  // Undo: the edit inside is undone (seen when opened again); redo brings it back.
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('ControlOrMeta+Z');
  await block.locator('.model-node-header').dblclick();
  await expect(page.getByTestId('node-enc')).toContainText('400');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('block-breadcrumb')).toHaveCount(0);
  await page.keyboard.press('ControlOrMeta+Shift+Z');
  await block.locator('.model-node-header').dblclick();
  await expect(page.getByTestId('node-enc')).toContainText('300');
  await page.keyboard.press('Escape');

  // Save, then open the saved file: the block and its inner wiring are still there.
  const downloaded = page.waitForEvent('download');
  await page.getByTestId('save-graph').click();
  const download = await downloaded;
  const text = await readFile(await download.path(), 'utf8');
  const saved = JSON.parse(text);
  expect(saved.version).toBe(3);
  const def = saved.blocks['block-1'];
  expect(def.nodes.map((n: { id: string }) => n.id)).toEqual(['enc', 'encMean', 'encLogvar', 'q']);
  expect(def.edges).toHaveLength(4);
  expect(def.nodes[0].params.units).toBe(300);

  await openGalleryGraph(page, 'ppca', 'decoder');
  await page.getByTestId('open-file-input').setInputFiles({ name: download.suggestedFilename(), mimeType: 'application/json', buffer: Buffer.from(text, 'utf8') });
  await expect(block).toBeVisible();
  await expect(page.getByTestId('file-error')).toHaveCount(0);
  await expect(page.getByTestId('node-errors')).toHaveCount(0);
  await expect(page.getByTestId('graph-errors')).toHaveCount(0);
  await expect(page.locator('.react-flow__edge[data-id="e-data-x-enc-in"]')).toHaveCount(1);
  await block.locator('.model-node-header').dblclick();
  await expect(page.locator('.react-flow__edge')).toHaveCount(4);
  await expect(page.getByTestId('node-enc')).toContainText('300');
  expect(pageErrors).toEqual([]);
});
