// Presentation mode and the view-only lock, in the real app: while presenting (or opened
// with ?view) a drag, Delete, Undo or a param change leaves the document as it was; Unlock
// makes it editable again; Esc leaves the presentation and puts the lock back; the arrow
// keys step through the lecture (the course when one is open, else the gallery's order).
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { PPCA_NODE_IDS, openApp } from './helpers';
import { savedDoc } from './sessionHelpers';

async function dragNode(page: Page, id: string, dx: number, dy: number): Promise<void> {
  const box = (await page.locator(`.react-flow__node[data-id="${id}"]`).boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + 12; // the title bar, away from the ports
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx / 2, y + dy / 2, { steps: 5 });
  await page.mouse.move(x + dx, y + dy, { steps: 5 });
  await page.mouse.up();
}

test('presenting locks every edit; Esc leaves and the graph is as it was', async ({ page }) => {
  await openApp(page);
  const before = await savedDoc(page);

  await page.getByTestId('present').click();
  const presentation = page.getByTestId('presentation');
  await expect(presentation).toBeVisible();
  await expect(presentation.getByTestId('view-only-badge')).toContainText('View only');
  // The editor's chrome is gone: the canvas and one panel (the objective by default).
  await expect(page.getByTestId('palette-column')).toHaveCount(0);
  await expect(page.getByTestId('inspector')).toHaveCount(0);
  await expect(page.getByTestId('present-side').getByTestId('objective-formula')).toBeVisible();
  for (const id of PPCA_NODE_IDS) await expect(page.getByTestId(`node-${id}`)).toBeVisible();

  // A drag, Delete on a selected node, Undo: none reaches the document.
  // (A drag on a node that cannot move pans the view: measure it against another node.)
  const prior = page.locator('.react-flow__node[data-id="prior"]');
  const data = page.locator('.react-flow__node[data-id="data"]');
  const offset = async () => {
    const [a, b] = [(await prior.boundingBox())!, (await data.boundingBox())!];
    return { dx: a.x - b.x, dy: a.y - b.y };
  };
  const offsetBefore = await offset();
  await dragNode(page, 'prior', 160, 90);
  const offsetAfter = await offset();
  expect(Math.abs(offsetAfter.dx - offsetBefore.dx)).toBeLessThan(2);
  expect(Math.abs(offsetAfter.dy - offsetBefore.dy)).toBeLessThan(2);
  await prior.click();
  await expect(prior).toHaveClass(/selected/); // selecting still works
  await page.keyboard.press('Delete');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('node-prior')).toBeVisible();
  await expect(page.locator('.react-flow__node')).toHaveCount(PPCA_NODE_IDS.length);
  // No connection can be started from a port.
  await expect(page.locator('.react-flow__handle.connectable')).toHaveCount(0);

  // The chooser puts another panel beside the canvas.
  await page.getByTestId('present-panel').selectOption('training');
  await expect(page.getByTestId('present-side').getByTestId('train-button')).toBeVisible();
  await page.getByTestId('present-panel').selectOption('objective');

  // Esc leaves; the lock is off again, as it was before presenting.
  await page.keyboard.press('Escape');
  await expect(presentation).toHaveCount(0);
  await expect(page.getByTestId('view-only-badge')).toHaveCount(0);
  expect(await savedDoc(page)).toEqual(before);
});

test('Unlock while presenting allows edits; leaving puts the lock back as it was', async ({ page }) => {
  await openApp(page);
  await page.keyboard.press('p');
  await expect(page.getByTestId('presentation')).toBeVisible();
  await page.getByTestId('unlock').click();
  await expect(page.getByTestId('view-only-badge')).toHaveCount(0);
  await page.locator('.react-flow__node[data-id="prior"]').click();
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('node-prior')).toHaveCount(0);
  await page.getByTestId('present-exit').click();
  await expect(page.getByTestId('presentation')).toHaveCount(0);
  await expect(page.getByTestId('view-only-badge')).toHaveCount(0);
  expect(((await savedDoc(page)).nodes as { id: string }[]).map((n) => n.id)).not.toContain('prior');
});

test('?view opens view-only: fields read-only, nothing changes, until Unlock', async ({ page }) => {
  await page.goto('/?view');
  for (const id of PPCA_NODE_IDS) await expect(page.getByTestId(`node-${id}`)).toBeVisible();
  await expect(page.getByTestId('view-only-badge')).toBeVisible();
  const before = await savedDoc(page);

  await page.locator('.react-flow__node[data-id="sampler"]').click();
  const samples = page.getByTestId('field-samples');
  await expect(samples).toBeDisabled();
  await expect(page.getByTestId('delete-node')).toBeDisabled();
  await expect(page.getByTestId('train-field-epochs')).toBeDisabled();
  await expect(page.getByTestId('doc-title')).toHaveAttribute('readonly', '');
  await expect(page.getByTestId('auto-layout')).toBeDisabled();
  await expect(page.locator('.palette')).toHaveCSS('pointer-events', 'none');
  await dragNode(page, 'decoder', 120, 80);
  await page.locator('.react-flow__node[data-id="sampler"]').click();
  await page.keyboard.press('Delete');
  // Double-click on empty canvas opens no node search.
  const pane = (await page.locator('.react-flow__pane').boundingBox())!;
  await page.mouse.dblclick(pane.x + 20, pane.y + pane.height - 20);
  await expect(page.locator('.node-search')).toHaveCount(0);
  expect(await savedDoc(page)).toEqual(before);

  // Train still works while locked.
  await expect(page.getByTestId('train-button')).toBeEnabled();

  await page.getByTestId('unlock').click();
  await expect(page.getByTestId('view-only-badge')).toHaveCount(0);
  expect(new URL(page.url()).searchParams.has('view')).toBe(false);
  await page.locator('.react-flow__node[data-id="sampler"]').click();
  await expect(samples).toBeEnabled();
  await samples.fill('7');
  await samples.press('Enter');
  const after = await savedDoc(page);
  const sampler = (after.nodes as { id: string; params: Record<string, unknown> }[]).find((n) => n.id === 'sampler')!;
  expect(sampler.params.samples).toBe(7);
});

test('while presenting, → and ← step through the lecture', async ({ page }) => {
  await openApp(page);
  // The next step is the one the top bar's › opens.
  const nextTitle = ((await page.getByTestId('gallery-next').getAttribute('title')) ?? '').replace(/^Next step: /, '');
  expect(nextTitle).not.toBe('');
  await page.getByTestId('present').click();
  const title = page.locator('.lc-present-title');
  await expect(title).toHaveText('Probabilistic PCA');
  await page.keyboard.press('ArrowRight');
  await expect(title).toHaveText(nextTitle);
  // Still presenting, still locked, after the step.
  await expect(page.getByTestId('presentation').getByTestId('view-only-badge')).toBeVisible();
  await page.keyboard.press('PageUp');
  await expect(title).toHaveText('Probabilistic PCA');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('presentation')).toHaveCount(0);
});

test('with a course open, → and ← step through the course while presenting', async ({ page }) => {
  await page.goto('/?course=courses/lecture.course.json');
  const bar = page.getByTestId('course-bar');
  await expect(bar).toBeVisible();
  await expect(bar).toHaveAttribute('data-step', '1');
  await page.getByTestId('present').click();
  const stepWords = page.getByTestId('present-step');
  await expect(stepWords).toHaveText(/^Step 1 of \d+$/);
  await page.keyboard.press('ArrowRight');
  await expect(stepWords).toHaveText(/^Step 2 of \d+$/);
  await page.keyboard.press('PageDown');
  await expect(stepWords).toHaveText(/^Step 3 of \d+$/);
  await page.keyboard.press('ArrowLeft');
  await expect(stepWords).toHaveText(/^Step 2 of \d+$/);
  await expect(page.getByTestId('presentation').getByTestId('view-only-badge')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('presentation')).toHaveCount(0);
  await expect(bar).toHaveAttribute('data-step', '2');
  await expect(page.getByTestId('view-only-badge')).toHaveCount(0);
});

test('the presentation and the embed view have no serious or critical axe violations', async ({ page }) => {
  const serious = async () => {
    const result = await new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).analyze();
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
  };
  await openApp(page);
  await page.getByTestId('present').click();
  await expect(page.getByTestId('presentation')).toBeVisible();
  expect(await serious()).toEqual([]);
  await page.getByTestId('present-panel').selectOption('training');
  expect(await serious()).toEqual([]);
  await page.goto('/?embed');
  await expect(page.getByTestId('embed-view')).toBeVisible();
  for (const id of PPCA_NODE_IDS) await expect(page.getByTestId(`node-${id}`)).toBeVisible();
  expect(await serious()).toEqual([]);
});
