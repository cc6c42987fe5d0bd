// Export ▸ PyTorch project: the open graph as one zip, written in the worker. An untrained
// gallery graph exports (with its initial weights), reached by keyboard through the Export
// menu; the zip holds one folder with the runtime, the model, the graph, the weights and the
// first-step check, and its graph.json is the graph on the canvas. After a run, the export
// ships the weights that run trained.
import { readFile } from 'node:fs/promises';
import { strFromU8, unzipSync } from 'fflate';
import { expect, test, type Page } from '@playwright/test';
import { openApp } from './helpers';
import { savedDoc } from './sessionHelpers';

const STEM = 'linear-vae-on-the-ppca-data';
const FOLDER = `${STEM}-pytorch`;
const REQUIRED = ['train.py', 'model.py', 'graph.json', 'init_weights.npz', 'check.npz', 'README.md'];

async function openLinearVae(page: Page): Promise<void> {
  await page.getByTestId('gallery-button').click();
  await page.getByTestId('gallery-item-linear-vae').click();
  await expect(page.getByTestId('doc-title')).toHaveValue('Linear VAE on the PPCA data');
  await expect(page.getByTestId('node-loss')).toBeVisible();
}

/** Exports the open graph with the Export menu's PyTorch item; resolves to the unzipped files. */
async function exportPyTorch(page: Page, how: 'keyboard' | 'click'): Promise<{ name: string; files: Record<string, Uint8Array> }> {
  const menu = page.getByTestId('export-menu');
  const item = page.getByRole('menuitem', { name: 'PyTorch project (.zip)' });
  const downloaded = page.waitForEvent('download', { timeout: 90_000 });
  if (how === 'keyboard') {
    await menu.focus();
    await page.keyboard.press('Enter');
    await expect(item).toBeVisible();
    // The items in order: decoder, encoder, PyTorch.
    for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
    await expect(item).toBeFocused();
    await page.keyboard.press('Enter');
  } else {
    await menu.click();
    await item.click();
  }
  const download = await downloaded;
  const bytes = new Uint8Array(await readFile((await download.path())!));
  return { name: download.suggestedFilename(), files: unzipSync(bytes) };
}

test('Export ▸ PyTorch project downloads the graph as a zip of a self-contained project', async ({ page }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await openApp(page);
  await openLinearVae(page);
  const original = await savedDoc(page);

  const { name, files } = await exportPyTorch(page, 'keyboard');
  expect(name).toBe(`${FOLDER}.zip`);
  const paths = Object.keys(files);
  // One folder: unzipping makes one directory.
  for (const p of paths) expect(p.startsWith(`${FOLDER}/`), p).toBe(true);
  for (const f of REQUIRED) expect(paths).toContain(`${FOLDER}/${f}`);
  for (const f of REQUIRED) expect(files[`${FOLDER}/${f}`].length, f).toBeGreaterThan(0);
  // .npz files are zips themselves (numpy's format).
  for (const f of ['init_weights.npz', 'check.npz']) expect(strFromU8(files[`${FOLDER}/${f}`].subarray(0, 2), true), f).toBe('PK');
  expect(strFromU8(files[`${FOLDER}/train.py`])).toMatch(/import torch/);

  // graph.json is the graph on the canvas.
  const graph = JSON.parse(strFromU8(files[`${FOLDER}/graph.json`])) as Record<string, unknown>;
  expect(graph.format).toBe(original.format);
  expect(graph.nodes).toEqual(original.nodes);
  expect(graph.edges).toEqual(original.edges);
  expect(graph.training).toEqual(original.training);
  expect((graph.meta as { title: string }).title).toBe('Linear VAE on the PPCA data');

  const status = page.getByTestId('status-message');
  await expect(status).toContainText(`Exported ${FOLDER}.zip`);
  await expect(status).toContainText('untrained');
  await expect(page.getByTestId('export-menu')).toHaveText('Export ▾');
  await expect(page.getByRole('menuitem', { name: 'PyTorch project (.zip)' })).toBeHidden();
  expect(pageErrors).toEqual([]);
});

test('after a run, Export ▸ PyTorch ships the weights the run trained', async ({ page }) => {
  await openApp(page);
  await openLinearVae(page);
  await page.getByTestId('train-field-epochs').fill('2');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('progress-label')).toHaveAttribute('data-status', 'finished', { timeout: 90_000 });

  const menu = page.getByTestId('export-menu');
  const { files } = await exportPyTorch(page, 'click');
  for (const f of REQUIRED) expect(Object.keys(files)).toContain(`${FOLDER}/${f}`);
  await expect(page.getByTestId('status-message')).toContainText('with the weights this session trained');
  // The trained weights travel beside the initial ones.
  const npz = Object.keys(files).filter((p) => p.endsWith('.npz') && !p.endsWith('/init_weights.npz') && !p.endsWith('/check.npz'));
  expect(npz.length).toBeGreaterThan(0);
  await expect(menu).toHaveText('Export ▾');
});

test('an MNIST graph exports with its digits, showing Exporting… meanwhile', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('gallery-button').click();
  await page.getByTestId('gallery-item-vae').click();
  await expect(page.getByTestId('node-loss')).toBeVisible();
  const menu = page.getByTestId('export-menu');
  const downloaded = page.waitForEvent('download', { timeout: 90_000 });
  await menu.click();
  await page.getByTestId('export-pytorch').click();
  await expect(menu).toHaveText('Exporting…');
  await expect(menu).toHaveAttribute('aria-busy', 'true');
  await expect(page.getByTestId('status-message')).toContainText('Exporting the PyTorch project');
  const download = await downloaded;
  const folder = download.suggestedFilename().replace(/\.zip$/, '');
  expect(folder).toMatch(/-pytorch$/);
  const files = unzipSync(new Uint8Array(await readFile((await download.path())!)));
  for (const f of REQUIRED) expect(Object.keys(files)).toContain(`${folder}/${f}`);
  // The 9,000 training digits as float32 grey levels (a .npy header, then 9,000 × 784 × 4 bytes).
  const train = files[`${folder}/data/train.npy`];
  expect(train.length).toBeGreaterThan(9000 * 784 * 4);
  expect(train.length).toBeLessThan(9000 * 784 * 4 + 1024);
  await expect(menu).toHaveText('Export ▾');
  await expect(menu).toHaveAttribute('aria-busy', 'false');
});
