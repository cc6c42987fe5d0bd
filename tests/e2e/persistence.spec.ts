// Nothing lost: the graph, the runs and the trained weights come back after a reload;
// undo treats a drag as one step; copy, paste and duplicate keep the wiring among the
// copied nodes; keys do not act on the canvas while someone types in a field.
import { expect, test, type Page } from '@playwright/test';
import { flowNodes, openApp } from './helpers';
import { downloadOf, openFile, ppcaWithWeights, savedDoc, waitForAutosave } from './sessionHelpers';

async function nodePosition(page: Page, id: string): Promise<{ x: number; y: number }> {
  const t = await page.locator(`.react-flow__node[data-id="${id}"]`).evaluate((el) => (el as HTMLElement).style.transform);
  const m = /translate\(([-\d.]+)px,\s*([-\d.]+)px\)/.exec(t);
  if (!m) throw new Error(`No position in "${t}"`);
  return { x: Number(m[1]), y: Number(m[2]) };
}

async function dragNode(page: Page, id: string, dx: number, dy: number): Promise<void> {
  const box = (await page.getByTestId(`node-${id}`).locator('.model-node-header').boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx, y + dy, { steps: 15 });
  await page.mouse.up();
}

test('edits, runs and trained weights survive a reload', async ({ page }) => {
  await openApp(page);
  // Edit: a new title, a node deleted, a node moved.
  await page.getByTestId('doc-title').fill('My PPCA');
  await page.getByTestId('doc-title').press('Enter');
  await dragNode(page, 'likelihood', 60, 40);
  // One short training run (recorded in the runs).
  await page.getByTestId('train-field-epochs').fill('5');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('progress-label')).toHaveAttribute('data-status', 'finished', { timeout: 60_000 });
  // The run's weights are kept as the graph's trained weights.
  await expect(page.getByTestId('trained-badge')).toHaveAttribute('data-origin', 'run');
  await waitForAutosave(page);
  const before = await savedDoc(page);
  expect((before.meta as { title: string }).title).toBe('My PPCA');

  await page.reload();
  await expect(page.getByTestId('node-likelihood')).toBeVisible();
  await expect(page.getByTestId('doc-title')).toHaveValue('My PPCA');
  expect(await savedDoc(page)).toEqual(before);
  // The run is back in the runs table.
  await page.getByTestId('lab-tab-runs').click();
  await expect(page.getByTestId('runs-panel')).toHaveAttribute('data-run-count', '1');
  await expect(page.getByTestId('run-row-0')).toHaveAttribute('data-epochs', '5');
  // And so are the trained weights: the next run starts from them.
  await expect(page.getByTestId('trained-badge')).toHaveAttribute('data-origin', 'autosave');
  // A reload starts a fresh history: nothing to undo into the time before it.
  await expect(page.getByTestId('undo')).toBeDisabled();
});

test('trained weights from a file are kept across a reload and saved with the graph', async ({ page }) => {
  await openApp(page);
  await expect(page.getByTestId('trained-badge')).toHaveCount(0);
  const { text, kernel } = await ppcaWithWeights();
  await openFile(page, 'ppca-trained.json', text);
  await expect(page.getByTestId('trained-badge')).toHaveAttribute('data-origin', 'file');
  // A plain Save writes the graph only; Save with weights adds them.
  expect((await savedDoc(page)).weights).toBeUndefined();
  await waitForAutosave(page);

  await page.reload();
  await expect(page.getByTestId('node-decoder')).toBeVisible();
  const badge = page.getByTestId('trained-badge');
  await expect(badge).toBeVisible();
  const saved = await downloadOf(page, 'save-with-weights');
  expect(saved.name).toBe('Probabilistic PCA (trained).json');
  const file = JSON.parse(saved.text) as { weights: { variables: { name: string; shape: number[]; data: string }[] } };
  const k = file.weights.variables.find((v) => v.name === 'decoder/kernel')!;
  expect(k.shape).toEqual([2, 10]);
  expect(Array.from(new Float32Array(Uint8Array.from(Buffer.from(k.data, 'base64')).buffer))).toEqual(Array.from(new Float32Array(kernel)));

  // Changing the structure makes the weights not this graph's any more; undo brings them back.
  await page.getByTestId('node-sampler').locator('.model-node-header').click();
  await page.keyboard.press('Delete');
  await expect(badge).toHaveCount(0);
  await page.getByTestId('undo').click();
  await expect(badge).toBeVisible();
});

test('a drag is one undo step; undo and redo from the keyboard', async ({ page }) => {
  await openApp(page);
  await expect(page.getByTestId('undo')).toBeDisabled();
  const start = await nodePosition(page, 'prior');
  await dragNode(page, 'prior', 120, 80);
  const moved = await nodePosition(page, 'prior');
  expect(moved.x).toBeGreaterThan(start.x + 50);

  await page.getByTestId('undo').click();
  expect(await nodePosition(page, 'prior')).toEqual(start);
  await expect(page.getByTestId('undo')).toBeDisabled(); // the whole drag was one step

  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.keyboard.press('ControlOrMeta+Shift+Z');
  expect(await nodePosition(page, 'prior')).toEqual(moved);
  await page.keyboard.press('ControlOrMeta+Z');
  expect(await nodePosition(page, 'prior')).toEqual(start);
  await page.keyboard.press('ControlOrMeta+Y');
  expect(await nodePosition(page, 'prior')).toEqual(moved);
});

test('copy, paste and duplicate nodes with their wiring; keys leave text fields alone', async ({ page }) => {
  await openApp(page);
  const count = await flowNodes(page).count();
  await page.getByTestId('node-prior').locator('.model-node-header').click();
  await page.getByTestId('node-sampler').locator('.model-node-header').click({ modifiers: ['ControlOrMeta'] });
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(2);

  await page.keyboard.press('ControlOrMeta+C');
  await expect(page.getByTestId('status-message')).toContainText('Copied 2 nodes and 1 connection');
  await page.keyboard.press('ControlOrMeta+V');
  await expect(flowNodes(page)).toHaveCount(count + 2);
  await expect(page.getByTestId('node-gaussian-1')).toBeVisible();
  await expect(page.getByTestId('node-sampler-1')).toBeVisible();
  await expect(page.locator('.react-flow__edge[data-id="gaussian-1.dist-sampler-1.dist"]')).toHaveCount(1);
  // The copies sit beside the originals, and they are what is selected now.
  const p = await nodePosition(page, 'prior');
  expect(await nodePosition(page, 'gaussian-1')).toEqual({ x: p.x + 40, y: p.y + 40 });
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(2);

  await page.keyboard.press('ControlOrMeta+D');
  await expect(flowNodes(page)).toHaveCount(count + 4);
  await expect(page.locator('.react-flow__edge[data-id="gaussian-2.dist-sampler-2.dist"]')).toHaveCount(1);

  // Each paste or duplicate is one undo step.
  await page.keyboard.press('ControlOrMeta+Z');
  await expect(flowNodes(page)).toHaveCount(count + 2);
  await page.keyboard.press('ControlOrMeta+Z');
  await expect(flowNodes(page)).toHaveCount(count);

  // In a text field, the keys are the field's: no paste, no duplicate, no delete, no undo.
  await page.getByTestId('node-prior').locator('.model-node-header').click();
  const title = page.getByTestId('doc-title');
  await title.click();
  await page.keyboard.press('ControlOrMeta+V');
  await page.keyboard.press('ControlOrMeta+D');
  await page.keyboard.press('ControlOrMeta+Z');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Delete');
  await expect(flowNodes(page)).toHaveCount(count);
  await expect(page.getByTestId('node-prior')).toBeVisible();
  // Outside the field, Delete removes the selected node.
  await page.getByTestId('node-prior').locator('.model-node-header').click();
  await page.keyboard.press('Delete');
  await expect(flowNodes(page)).toHaveCount(count - 1);
});
