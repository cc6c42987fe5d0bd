// Accessibility: axe-core finds no serious or critical violation on the editor, the gallery
// and a trained graph's panels; a focused node shows a ring; two ports connect from the
// keyboard alone; every button that shows only a symbol has a name.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { atLaptopSizes, flowEdges, flowNodes, nodeIds, openApp } from './helpers';

/** The serious and critical violations axe finds (in `within`, or the whole page), one line each. */
async function seriousViolations(page: Page, testInfo: TestInfo, name: string, within?: string): Promise<string[]> {
  // Only violations are wanted: axe then skips collecting every passing node (much quicker).
  const axe = new AxeBuilder({ page }).options({ resultTypes: ['violations'] });
  if (within) axe.include(within);
  const result = await axe.analyze();
  await testInfo.attach(name, { body: await page.screenshot(), contentType: 'image/png' });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 6).map((n) => n.target.join(' ')).join(' | ')}`);
}

/** Buttons whose text has no letter (⤓, ×, ▾ …) and no aria-label or aria-labelledby. */
async function unnamedSymbolButtons(page: Page): Promise<string[]> {
  return page.locator('button').evaluateAll((buttons) =>
    buttons
      .filter((b) => !/\p{L}/u.test(b.textContent ?? '') && !b.getAttribute('aria-label')?.trim() && !b.getAttribute('aria-labelledby'))
      .map((b) => b.outerHTML.slice(0, 120)),
  );
}

atLaptopSizes(() => {
  test('the editor at open has no serious or critical axe violations', async ({ page }, testInfo) => {
    await openApp(page);
    expect(await seriousViolations(page, testInfo, 'editor')).toEqual([]);
    expect(await unnamedSymbolButtons(page)).toEqual([]);
  });

  test('the gallery has no serious or critical axe violations', async ({ page }, testInfo) => {
    await openApp(page);
    await page.getByTestId('gallery-button').click();
    await expect(page.getByRole('dialog')).toBeVisible();
    expect(await seriousViolations(page, testInfo, 'gallery')).toEqual([]);
    expect(await unnamedSymbolButtons(page)).toEqual([]);
  });

  test('a trained graph’s panels have no serious or critical axe violations', async ({ page }, testInfo) => {
    // Three axe passes after a run: on a loaded two-core machine this can pass the default limit.
    test.setTimeout(240_000);
    await openApp(page);
    // A short run is enough: the panels, the chart, the runs list and the views all fill in.
    const epochs = page.getByTestId('train-field-epochs');
    await epochs.fill('20');
    await epochs.press('Enter');
    await page.getByTestId('train-button').click();
    await expect(page.getByTestId('final-summary')).toBeVisible({ timeout: 60_000 });
    const found: string[] = [];
    await page.getByTestId('lab-tab-views').click();
    await expect(page.getByTestId('lab-tab-views')).toHaveAttribute('aria-selected', 'true');
    found.push(...(await seriousViolations(page, testInfo, 'trained-views')).map((v) => `[views] ${v}`));
    // The other tabs change only the dock: check it alone, which keeps the test quick.
    for (const tab of ['runs', 'diagnostics']) {
      await page.getByTestId(`lab-tab-${tab}`).click();
      await expect(page.getByTestId(`lab-tab-${tab}`)).toHaveAttribute('aria-selected', 'true');
      found.push(...(await seriousViolations(page, testInfo, `trained-${tab}`, '[data-testid="lab-dock"]')).map((v) => `[${tab}] ${v}`));
    }
    expect(found).toEqual([]);
    expect(await unnamedSymbolButtons(page)).toEqual([]);
  });

  test('a node focused by keyboard shows a ring, and C connects two of its ports from the keyboard', async ({ page }, testInfo) => {
    await openApp(page);
    const before = await nodeIds(page);
    const edgeCount = await flowEdges(page).count();
    await page.getByTestId('palette-linear').click();
    await expect(flowNodes(page)).toHaveCount(before.length + 1);
    const newId = (await nodeIds(page)).find((id) => !before.includes(id))!;

    // Focus the new node as Tab would, select it with Enter: the focus ring shows.
    const node = page.locator(`.react-flow__node[data-id="${newId}"]`);
    await node.focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    await expect(node).toBeFocused();
    await page.keyboard.press('Enter');
    const outline = await node.evaluate((el) => getComputedStyle(el).outlineStyle + ' ' + getComputedStyle(el).outlineWidth);
    expect(outline).toBe('solid 3px');
    await expect(page.getByTestId('inspector')).toContainText(newId);

    await page.keyboard.press('c');
    const dialog = page.getByTestId('connect-dialog');
    await expect(dialog).toBeVisible();
    const portList = page.getByTestId('connect-port');
    await expect(portList).toBeFocused();
    // Its input first (it has sources that fit), then, in the second list, the sampler's z.
    await expect(portList.locator('option:checked')).toContainText('input');
    await page.keyboard.press('Tab');
    const targetList = page.getByTestId('connect-target');
    await expect(targetList).toBeFocused();
    // The sampler is labelled "z ~ p(z)" in the PPCA graph; its output port is z.
    const sampler = 'z ~ p(z) · z';
    for (let i = 0; i < 12 && (await targetList.locator('option:checked').textContent()) !== sampler; i++) await page.keyboard.press('ArrowDown');
    await expect(targetList.locator('option:checked')).toHaveText(sampler);
    await testInfo.attach('connect-dialog', { body: await page.screenshot(), contentType: 'image/png' });
    await page.keyboard.press('Enter');

    await expect(dialog).toHaveCount(0);
    await expect(flowEdges(page)).toHaveCount(edgeCount + 1);
    await expect(page.locator(`.react-flow__edge[aria-label="Edge from sampler to ${newId}"]`)).toHaveCount(1);
    // Focus went back to the node, and one undo removes the edge again.
    await expect(node).toBeFocused();
    await page.keyboard.press('Control+z');
    await expect(flowEdges(page)).toHaveCount(edgeCount);

    // The inspector's button opens the same dialog; Escape closes it and connects nothing.
    await page.getByTestId('connect-open').click();
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(flowEdges(page)).toHaveCount(edgeCount);
  });
});

test('an edge focused by keyboard thickens with a halo, and Delete removes it (undo brings it back)', async ({ page }) => {
  await openApp(page);
  const edgeCount = await flowEdges(page).count();
  const edge = page.locator('.react-flow__edge[aria-label="Edge from sampler to decoder"]');
  await expect(edge).toHaveCount(1);
  const path = edge.locator('.react-flow__edge-path');
  const unfocused = await path.evaluate((el) => getComputedStyle(el).strokeWidth);
  // As Tab would reach it: focus-visible, which a mouse click does not give.
  await edge.focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  await expect(edge).toBeFocused();
  const ring = await path.evaluate((el) => ({ width: getComputedStyle(el).strokeWidth, filter: getComputedStyle(el).filter }));
  expect(ring.width).toBe('4px');
  expect(unfocused).not.toBe('4px');
  expect(ring.filter).toContain('drop-shadow');

  await page.keyboard.press('Enter');
  await page.keyboard.press('Delete');
  await expect(flowEdges(page)).toHaveCount(edgeCount - 1);
  await expect(edge).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(flowEdges(page)).toHaveCount(edgeCount);
  await expect(edge).toHaveCount(1);
});
