// Readable at open: every gallery graph, at 1280×720 and at 1440×900, opens at a zoom where
// node titles render at 11 px or more, with no two nodes overlapping on screen and its data
// node in view. Tidy (auto-layout) is one undo step.
import { readdirSync } from 'node:fs';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { atLaptopSizes, LAPTOP_VIEWPORTS as SIZES, openApp, settledView, showWholeGraph } from './helpers';

const GRAPHS = readdirSync('graphs').filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, '')).sort();

interface Box {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

async function openGalleryGraph(page: Page, name: string): Promise<void> {
  await page.getByTestId('gallery-button').click();
  await page.getByTestId(`gallery-item-${name}`).click();
  await expect(page.locator('[role="dialog"][aria-modal="true"], .modal-backdrop')).toHaveCount(0);
}

/** The viewport's scale once it has stopped moving (the fit runs after the nodes are measured). */
async function settledZoom(page: Page): Promise<number> {
  const last = await settledView(page);
  const m = /scale\(([\d.]+)\)/.exec(last);
  if (!m) throw new Error(`No scale in the viewport transform "${last}".`);
  return Number(m[1]);
}

async function nodeBoxes(page: Page): Promise<Box[]> {
  return page.locator('.react-flow__node').evaluateAll((els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      return { id: e.getAttribute('data-id') ?? '', x: r.x, y: r.y, width: r.width, height: r.height };
    }),
  );
}

function overlapping(boxes: Box[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i], boxes[j]];
      if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) out.push(`${a.id} × ${b.id}`);
    }
  return out;
}

async function positions(page: Page): Promise<Record<string, string>> {
  const list = await page.locator('.react-flow__node').evaluateAll((els) => els.map((e) => [e.getAttribute('data-id') ?? '', (e as HTMLElement).style.transform] as const));
  return Object.fromEntries(list);
}

async function attach(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

/** Opens a gallery graph and checks it is readable at open; the page stays open for the next. */
async function checkReadable(page: Page, testInfo: TestInfo, name: string, size: { width: number; height: number }): Promise<void> {
  await openGalleryGraph(page, name);
  await expect(page.getByTestId('node-data')).toBeVisible();
  const zoom = await settledZoom(page);
  const fontPx = await page.locator('.model-node-title').first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  await attach(page, testInfo, `${name}-${size.width}x${size.height}`);
  expect(fontPx * zoom, `${name}: title ${fontPx} px × zoom ${zoom}`).toBeGreaterThanOrEqual(11);
  expect(overlapping(await nodeBoxes(page)), name).toEqual([]);
  // The start of the graph (the data) is on screen, whatever is cut off to the right.
  const pane = (await page.locator('.react-flow').boundingBox())!;
  const data = (await page.getByTestId('node-data').boundingBox())!;
  expect(data.x, name).toBeGreaterThanOrEqual(pane.x);
  expect(data.y, name).toBeGreaterThanOrEqual(pane.y);
  expect(data.x + data.width, name).toBeLessThanOrEqual(pane.x + pane.width);
  expect(data.y + data.height, name).toBeLessThanOrEqual(pane.y + pane.height);
}

// A few graphs per test, one page for them all: each test stays well under 30 s.
const CHUNK = 3;
const chunks = Array.from({ length: Math.ceil(GRAPHS.length / CHUNK) }, (_, i) => GRAPHS.slice(i * CHUNK, (i + 1) * CHUNK));

for (const size of SIZES) {
  test.describe(`at ${size.width}×${size.height}`, () => {
    test.use({ viewport: size });
    for (const names of chunks) {
      test(`${names.join(', ')} open readable, without overlaps`, async ({ page }, testInfo) => {
        await openApp(page);
        for (const name of names) await checkReadable(page, testInfo, name, size);
      });
    }
  });
}

atLaptopSizes((viewport) => {
  test('Tidy lays the graph out without overlaps, and one undo puts every node back', async ({ page }, testInfo) => {
    await openApp(page);
    await openGalleryGraph(page, 'autoencoder');
    await settledZoom(page);
    // Move a node out of place first (one undo step of its own), so the layout has work to do.
    const header = page.getByTestId('node-lik').locator('.model-node-header');
    const box = (await header.boundingBox())!;
    await page.mouse.move(box.x + 20, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x - 160, box.y + 140, { steps: 8 });
    await page.mouse.up();
    const before = await positions(page);
    await page.getByTestId('auto-layout').click();
    await expect.poll(async () => JSON.stringify(await positions(page)), { timeout: 10_000 }).not.toBe(JSON.stringify(before));
    await attach(page, testInfo, `autoencoder-tidied ${viewport.width}x${viewport.height}`);
    expect(overlapping(await nodeBoxes(page))).toEqual([]);
    // Every edge runs left to right after the layout.
    const boxes = Object.fromEntries((await nodeBoxes(page)).map((b) => [b.id, b]));
    expect(boxes['data'].x + boxes['data'].width).toBeLessThan(boxes['enc'].x);
    expect(boxes['dec'].x + boxes['dec'].width).toBeLessThan(boxes['lik'].x);

    await page.getByTestId('undo').click();
    await expect.poll(async () => positions(page)).toEqual(before);

    // Shift+L does the same, on the canvas.
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Shift+L');
    await expect.poll(async () => JSON.stringify(await positions(page)), { timeout: 10_000 }).not.toBe(JSON.stringify(before));
  });
});

test('Tidy with nodes selected lays out only those, says so, and one undo puts them back', async ({ page }) => {
  await openApp(page);
  await openGalleryGraph(page, 'autoencoder');
  await settledZoom(page);
  await showWholeGraph(page);
  // Knock the likelihood out of place, then select it and the decoder.
  const header = (id: string) => page.getByTestId(`node-${id}`).locator('.model-node-header');
  const box = (await header('lik').boundingBox())!;
  await page.mouse.move(box.x + 20, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + 20, box.y + 160, { steps: 8 });
  await page.mouse.up();
  await header('dec').click();
  await header('lik').click({ modifiers: ['Control'] });
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(2);
  const before = await positions(page);

  await page.getByTestId('auto-layout').click();
  await expect(page.getByTestId('status-message')).toContainText('Laid out the 2 selected nodes');
  await expect.poll(async () => JSON.stringify(await positions(page)), { timeout: 10_000 }).not.toBe(JSON.stringify(before));
  const after = await positions(page);
  const moved = Object.keys(before).filter((id) => before[id] !== after[id]).sort();
  expect(moved.length).toBeGreaterThan(0);
  expect(moved.every((id) => id === 'dec' || id === 'lik'), `moved: ${moved}`).toBe(true);

  await page.getByTestId('undo').click();
  await expect.poll(async () => positions(page)).toEqual(before);
});
