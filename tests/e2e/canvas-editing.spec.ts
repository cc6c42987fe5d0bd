// The conveniences of a node editor: New, select all, drop from the palette where released,
// click-to-add into free space, search to add (double-click, "/", a connection dropped on
// empty space), rewiring by dropping on an occupied input, and selecting and deleting an edge.
import { writeFile } from 'node:fs/promises';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { atLaptopSizes, dragBetween, edgeIds, settledView, showWholeGraph, flowEdges, flowNodes, nodeIds, openApp, sourceHandle, targetHandle } from './helpers';
import { downloadOf, recentTitles, renameGraph, waitForAutosave } from './sessionHelpers';

type Box = { x: number; y: number; width: number; height: number };
const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function shot(page: Page, testInfo: TestInfo, what: string) {
  const size = page.viewportSize();
  const name = size ? `${what} ${size.width}x${size.height}` : what;
  const body = await page.screenshot();
  await testInfo.attach(name, { body, contentType: 'image/png' });
  // SHOT_DIR keeps a copy outside the report, to look at by hand.
  if (process.env.SHOT_DIR) await writeFile(`${process.env.SHOT_DIR}/${name.replace(/\W+/g, '-')}.png`, body);
}

/** A point on the empty canvas (the pane itself under it), well clear of nodes and controls. */
async function emptyPoint(page: Page, prefer: { fx: number; fy: number } = { fx: 0.5, fy: 0.8 }): Promise<{ x: number; y: number }> {
  const p = await page.evaluate((prefer) => {
    const pane = document.querySelector('.react-flow__pane')!.getBoundingClientRect();
    const clear = (x: number, y: number) =>
      [-30, 0, 30].every((dx) => [-30, 0, 30].every((dy) => document.elementFromPoint(x + dx, y + dy)?.classList.contains('react-flow__pane')));
    const cands: { x: number; y: number; d: number }[] = [];
    for (let fx = 0.1; fx <= 0.9; fx += 0.05)
      for (let fy = 0.1; fy <= 0.9; fy += 0.05) cands.push({ x: pane.left + fx * pane.width, y: pane.top + fy * pane.height, d: Math.hypot(fx - prefer.fx, fy - prefer.fy) });
    cands.sort((a, b) => a.d - b.d);
    return cands.find((c) => clear(c.x, c.y)) ?? null;
  }, prefer);
  if (!p) throw new Error('No empty spot on the canvas.');
  return { x: Math.round(p.x), y: Math.round(p.y) };
}

/** A screen point on an edge's path, `at` flow units along it from its source. */
async function pointOnEdge(page: Page, edgeId: string, at: number): Promise<{ x: number; y: number }> {
  return page.evaluate(
    ({ edgeId, at }) => {
      const path = document.querySelector<SVGPathElement>(`.react-flow__edge[data-id="${edgeId}"] path.react-flow__edge-path`)!;
      const p = path.getPointAtLength(Math.min(at, path.getTotalLength() / 2));
      const m = path.getScreenCTM()!;
      return { x: p.x * m.a + p.y * m.c + m.e, y: p.x * m.b + p.y * m.d + m.f };
    },
    { edgeId, at },
  );
}

const selectedNodes = (page: Page) => page.locator('.react-flow__node.selected');

atLaptopSizes(() => {
  test('New opens an empty untitled graph with default settings; the previous one is in Recent', async ({ page }, testInfo) => {
    await openApp(page);
    await renameGraph(page, 'Work before New');
    await waitForAutosave(page);
    await page.getByTestId('new-graph').click();
    await expect(flowNodes(page)).toHaveCount(0);
    await expect(page.getByTestId('doc-title')).toHaveValue('Untitled graph');
    await expect(page.getByTestId('status-message')).toContainText('“Work before New” is in Recent');
    const saved = JSON.parse((await downloadOf(page, 'save-graph')).text) as { training: { epochs: number; learningRate: number } };
    // The PPCA graph trains 200 epochs at 0.1: New starts from the defaults instead.
    expect(saved.training).toMatchObject({ epochs: 50 });
    expect(saved.training.learningRate).not.toBe(0.1);
    expect(await recentTitles(page)).toContain('Work before New');
    await page.keyboard.press('Escape');
    await shot(page, testInfo, 'new graph');

    // Ctrl+Alt+N does the same from the keyboard.
    await page.getByTestId('palette-dense').click();
    await expect(flowNodes(page)).toHaveCount(1);
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+Alt+n');
    await expect(flowNodes(page)).toHaveCount(0);
  });

  test('Ctrl+A selects every node, but not while typing in a field', async ({ page }) => {
    await openApp(page);
    const all = (await nodeIds(page)).length;
    await page.getByTestId('doc-title').focus();
    await page.keyboard.press('Control+a');
    await expect(selectedNodes(page)).toHaveCount(0);
    const p = await emptyPoint(page);
    await page.mouse.click(p.x, p.y);
    await page.keyboard.press('Control+a');
    await expect(selectedNodes(page)).toHaveCount(all);
  });

  test('a palette entry dragged onto the canvas lands where it is released', async ({ page }, testInfo) => {
    await openApp(page);
    const release = await emptyPoint(page, { fx: 0.45, fy: 0.75 });
    const pane = (await page.locator('.react-flow__pane').boundingBox())!;
    const before = await nodeIds(page);
    await page.getByTestId('palette-dense').dragTo(page.locator('.react-flow__pane'), { targetPosition: { x: release.x - pane.x, y: release.y - pane.y } });
    await expect(flowNodes(page)).toHaveCount(before.length + 1);
    const id = (await nodeIds(page)).find((n) => !before.includes(n))!;
    const box = (await page.locator(`.react-flow__node[data-id="${id}"]`).boundingBox())!;
    expect(Math.abs(box.x - release.x)).toBeLessThanOrEqual(20);
    expect(Math.abs(box.y - release.y)).toBeLessThanOrEqual(20);
    await shot(page, testInfo, 'dropped from the palette');
  });

  test('clicking a palette entry twice places two nodes near the centre, not stacked', async ({ page }) => {
    await openApp(page);
    const before = await nodeIds(page);
    await page.getByTestId('palette-dense').click();
    await expect(flowNodes(page)).toHaveCount(before.length + 1);
    await page.getByTestId('palette-dense').click();
    await expect(flowNodes(page)).toHaveCount(before.length + 2);
    const boxes = await Promise.all((await nodeIds(page)).map(async (id) => (await page.locator(`.react-flow__node[data-id="${id}"]`).boundingBox())!));
    const added = (await nodeIds(page)).map((id, i) => ({ id, box: boxes[i] })).filter((n) => !before.includes(n.id));
    expect(added).toHaveLength(2);
    for (const a of added) for (const b of boxes) if (a.box !== b) expect(overlap(a.box, b)).toBe(false);
    const pane = (await page.locator('.react-flow__pane').boundingBox())!;
    for (const { box } of added) {
      const cx = box.x + box.width / 2;
      const cy = box.y + box.height / 2;
      expect(cx).toBeGreaterThan(pane.x);
      expect(cx).toBeLessThan(pane.x + pane.width);
      expect(cy).toBeGreaterThan(pane.y);
      expect(cy).toBeLessThan(pane.y + pane.height);
    }
  });

  test('search to add: double-click on empty canvas, type, arrows, Enter adds at the pointer; "/" and Escape', async ({ page }, testInfo) => {
    await openApp(page);
    const at = await emptyPoint(page);
    await page.mouse.dblclick(at.x, at.y);
    const search = page.getByTestId('node-search');
    await expect(search).toBeVisible();
    await expect(page.getByTestId('node-search-input')).toBeFocused();
    await page.keyboard.type('dense');
    const items = search.locator('[role="option"]');
    await expect(items.first()).toContainText('Dense layer');
    await shot(page, testInfo, 'node search');
    // The arrows move the highlight and come back.
    const count = await items.count();
    await page.keyboard.press('ArrowDown');
    await expect(items.nth(count > 1 ? 1 : 0)).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('ArrowUp');
    await expect(items.first()).toHaveAttribute('aria-selected', 'true');
    const before = await nodeIds(page);
    await page.keyboard.press('Enter');
    await expect(search).toHaveCount(0);
    await expect(flowNodes(page)).toHaveCount(before.length + 1);
    const id = (await nodeIds(page)).find((n) => !before.includes(n))!;
    expect(id).toMatch(/^dense-/);
    const box = (await page.locator(`.react-flow__node[data-id="${id}"]`).boundingBox())!;
    expect(Math.abs(box.x - at.x)).toBeLessThanOrEqual(20);
    expect(Math.abs(box.y - at.y)).toBeLessThanOrEqual(20);

    // "/" with the pointer on the canvas opens it too; Escape closes it and adds nothing.
    const again = await emptyPoint(page, { fx: 0.2, fy: 0.2 });
    await page.mouse.move(again.x, again.y);
    await page.keyboard.press('/');
    await expect(search).toBeVisible();
    await page.keyboard.type('gauss');
    await expect(items.first()).toContainText('Gaussian');
    await page.keyboard.press('Escape');
    await expect(search).toHaveCount(0);
    await expect(flowNodes(page)).toHaveCount(before.length + 1);
  });

  test('a connection dropped on empty space opens the search filtered to fitting kinds and connects the pick', async ({ page }, testInfo) => {
    await openApp(page);
    const edgesBefore = await edgeIds(page);
    const nodesBefore = await nodeIds(page);
    const from = sourceHandle(page, 'sampler', 'z');
    const a = (await from.boundingBox())!;
    const drop = await emptyPoint(page, { fx: 0.7, fy: 0.85 });
    await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await page.mouse.down();
    await page.mouse.move(a.x + 20, a.y + 10, { steps: 3 });
    await page.mouse.move(drop.x, drop.y, { steps: 15 });
    await page.mouse.up();
    const search = page.getByTestId('node-search');
    await expect(search).toBeVisible();
    // A tensor output: the Dense layer (tensor in) is offered, the Data node (no inputs) and
    // the Objective (takes a term) are not.
    await expect(page.getByTestId('node-search-kind:dense')).toBeVisible();
    await expect(page.getByTestId('node-search-kind:data')).toHaveCount(0);
    await expect(page.getByTestId('node-search-kind:objective')).toHaveCount(0);
    await page.keyboard.type('dense');
    await shot(page, testInfo, 'search from a dropped connection');
    await page.keyboard.press('Enter');
    await expect(flowNodes(page)).toHaveCount(nodesBefore.length + 1);
    const id = (await nodeIds(page)).find((n) => !nodesBefore.includes(n))!;
    await expect(flowEdges(page)).toHaveCount(edgesBefore.length + 1);
    expect(await edgeIds(page)).toContain(`sampler.z-${id}.in`);
    // Adding and wiring are one undo step.
    const p = await emptyPoint(page, { fx: 0.1, fy: 0.1 });
    await page.mouse.click(p.x, p.y);
    await page.keyboard.press('Control+z');
    await expect(flowNodes(page)).toHaveCount(nodesBefore.length);
    expect(await edgeIds(page)).toEqual(edgesBefore);
  });

  test('dropping a connection on an occupied input replaces its edge; undo brings the old one back', async ({ page }) => {
    await openApp(page);
    // A new Dense layer (in free space near the middle) gives a second tensor to drop on the decoder's input.
    await page.getByTestId('palette-dense').click();
    await expect(page.getByTestId('node-dense-1')).toBeVisible();
    // At 1280×720 the readable framing leaves the decoder past the canvas's right edge.
    await showWholeGraph(page);
    await settledView(page);
    const before = await edgeIds(page);
    expect(before).toContain('e-sampler-decoder');
    await dragBetween(page, sourceHandle(page, 'dense-1', 'out'), targetHandle(page, 'decoder', 'in'));
    await expect(page.locator('.react-flow__edge[data-id="dense-1.out-decoder.in"]')).toHaveCount(1);
    await expect(page.locator('.react-flow__edge[data-id="e-sampler-decoder"]')).toHaveCount(0);
    await expect(flowEdges(page)).toHaveCount(before.length);
    const p = await emptyPoint(page);
    await page.mouse.click(p.x, p.y);
    await page.keyboard.press('Control+z');
    await expect(page.locator('.react-flow__edge[data-id="e-sampler-decoder"]')).toHaveCount(1);
    await expect(page.locator('.react-flow__edge[data-id="dense-1.out-decoder.in"]')).toHaveCount(0);
    expect((await edgeIds(page)).sort()).toEqual([...before].sort());
    // One undo step: the Dense layer added before is still there.
    await expect(page.getByTestId('node-dense-1')).toBeVisible();
  });

  test('edges from one port fan out and each can be selected; a selected edge shows it and Delete removes it', async ({ page }, testInfo) => {
    await openApp(page);
    // The prior's distribution feeds the sampler and the loss: two edges from one port.
    const fanned = ['e-prior-sampler', 'e-prior-loss'];
    const starts = await Promise.all(fanned.map((id) => pointOnEdge(page, id, 28)));
    expect(Math.hypot(starts[0].x - starts[1].x, starts[0].y - starts[1].y)).toBeGreaterThan(3);

    for (const id of fanned) {
      const p = await pointOnEdge(page, id, 60);
      await page.mouse.click(p.x, p.y);
      await expect(page.locator('.react-flow__edge.selected')).toHaveCount(1);
      await expect(page.locator(`.react-flow__edge.selected[data-id="${id}"]`)).toHaveCount(1);
      await expect(page.getByTestId('edge-selection-halo')).toHaveCount(1);
    }
    await shot(page, testInfo, 'selected edge');
    const count = await flowEdges(page).count();
    await page.keyboard.press('Delete');
    await expect(flowEdges(page)).toHaveCount(count - 1);
    await expect(page.locator(`.react-flow__edge[data-id="${fanned[1]}"]`)).toHaveCount(0);
    await expect(page.locator(`.react-flow__edge[data-id="${fanned[0]}"]`)).toHaveCount(1);
  });
});

test("a data node's title follows its source: the PPCA's Correlated data becomes MNIST digits, and undo brings it back", async ({ page }) => {
  await openApp(page);
  const data = page.getByTestId('node-data');
  const title = data.locator('.model-node-title');
  await expect(title).toHaveText('Correlated data');
  await data.locator('.model-node-header').click();
  await page.getByTestId('inspector').getByTestId('field-source').selectOption('mnist');
  await expect(title).toHaveText('MNIST digits');
  await page.getByTestId('undo').click();
  await expect(title).toHaveText('Correlated data');
});
