// Files: Save downloads the document, Open brings it back exactly; a bad file is
// refused with the reasons shown, and the open graph is left exactly as it was.
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { flowNodes, openApp } from './helpers';

async function saveGraph(page: Page): Promise<{ name: string; text: string }> {
  const downloaded = page.waitForEvent('download');
  await page.getByTestId('save-graph').click();
  const download = await downloaded;
  const path = await download.path();
  return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') };
}

async function openFile(page: Page, name: string, text: string): Promise<void> {
  await page.getByTestId('open-file-input').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text, 'utf8') });
}

/** The document without its viewport, plus the viewport apart (compared with a tolerance). */
function split(text: string): { doc: Record<string, unknown>; viewport: { x: number; y: number; zoom: number } } {
  const { viewport, ...doc } = JSON.parse(text) as Record<string, unknown> & { viewport: { x: number; y: number; zoom: number } };
  return { doc, viewport };
}

function expectSameDocument(actual: string, expected: string): void {
  const a = split(actual);
  const e = split(expected);
  expect(a.doc).toEqual(e.doc);
  // Opening a graph restores the view it was saved with (to the rounding React Flow applies).
  expect(a.viewport.x).toBeCloseTo(e.viewport.x, 0);
  expect(a.viewport.y).toBeCloseTo(e.viewport.y, 0);
  expect(a.viewport.zoom).toBeCloseTo(e.viewport.zoom, 2);
}

test('save and open round-trip the document', async ({ page }) => {
  await openApp(page);
  const nodeCount = await flowNodes(page).count();
  const title = await page.getByTestId('doc-title').inputValue();

  const saved = await saveGraph(page);
  expect(saved.name).toMatch(/\.json$/);
  const savedDoc = JSON.parse(saved.text);
  expect(savedDoc.format).toBe('latent-canvas.graph');
  expect(savedDoc.meta.title).toBe(title);
  expect(savedDoc.nodes).toHaveLength(nodeCount);

  // Change the graph: delete the sampler.
  await page.getByTestId('node-sampler').locator('.model-node-header').click();
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('node-sampler')).toHaveCount(0);
  await expect(flowNodes(page)).toHaveCount(nodeCount - 1);

  // Open the saved file: the sampler is back and the document is the saved one.
  await openFile(page, saved.name, saved.text);
  await expect(page.getByTestId('node-sampler')).toBeVisible();
  await expect(flowNodes(page)).toHaveCount(nodeCount);
  await expect(page.getByTestId('file-error')).toHaveCount(0);
  await expect(page.getByTestId('doc-title')).toHaveValue(title);

  const again = await saveGraph(page);
  expectSameDocument(again.text, saved.text);
});

test('a bad file is refused and leaves the graph exactly as it was', async ({ page }) => {
  await openApp(page);
  const nodeCount = await flowNodes(page).count();
  const title = await page.getByTestId('doc-title').inputValue();
  const before = await saveGraph(page);

  const fileError = page.getByTestId('file-error');

  // Not JSON at all.
  await openFile(page, 'broken.json', '{ "format": "latent-canvas.graph", "nodes": [ ');
  await expect(fileError).toBeVisible();
  await expect(fileError).toContainText('broken.json');
  await expect(flowNodes(page)).toHaveCount(nodeCount);
  await expect(page.getByTestId('doc-title')).toHaveValue(title);

  await fileError.getByRole('button', { name: 'Dismiss' }).click();
  await expect(fileError).toHaveCount(0);

  // JSON, but not a Latent Canvas graph.
  const wrongFormat = { ...JSON.parse(before.text), format: 'some-other-tool.graph' };
  await openFile(page, 'wrong-format.json', JSON.stringify(wrongFormat));
  await expect(fileError).toBeVisible();
  await expect(fileError).toContainText('wrong-format.json');
  await expect(fileError).toContainText('latent-canvas.graph');
  await expect(flowNodes(page)).toHaveCount(nodeCount);
  await expect(page.getByTestId('doc-title')).toHaveValue(title);

  // Nothing in the document moved.
  const after = await saveGraph(page);
  expectSameDocument(after.text, before.text);
});
