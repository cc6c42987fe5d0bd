// Issue 12, "the canvas first": the side columns (palette; inspector and training; notes)
// and the dock collapse and resize by dragging and are remembered across a reload; while
// the VAE trains the loss chart is in view and the canvas keeps half the window; the
// objective panel keeps one height whatever the formula; the notes are read and edited
// in their own panel. At 1280×720 and at 1440×900.
import { expect, test, type Locator, type Page, type TestInfo } from '@playwright/test';
import { LAPTOP_VIEWPORTS as VIEWPORTS, openApp } from './helpers';


async function box(locator: Locator) {
  await expect(locator).toBeVisible();
  const b = await locator.boundingBox();
  if (!b) throw new Error('No bounding box');
  return b;
}

/** Drags from the centre of a handle by (dx, dy) with real pointer moves. */
async function dragBy(page: Page, handle: Locator, dx: number, dy: number): Promise<void> {
  const b = await box(handle);
  const x = b.x + b.width / 2;
  const y = b.y + b.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx / 2, y + dy / 2, { steps: 4 });
  await page.mouse.move(x + dx, y + dy, { steps: 4 });
  await page.mouse.up();
}

async function openGalleryGraph(page: Page, name: string, nodeId: string): Promise<void> {
  await page.getByTestId('gallery-button').click();
  await page.getByTestId(`gallery-item-${name}`).click();
  await expect(page.getByTestId(`node-${nodeId}`)).toBeVisible();
}

async function attach(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await testInfo.attach(name, { body: await page.screenshot(), contentType: 'image/png' });
}

const width = async (l: Locator) => (await box(l)).width;
const height = async (l: Locator) => (await box(l)).height;
const canvas = (page: Page) => page.locator('.canvas-stage');

for (const viewport of VIEWPORTS) {
  test.describe(`at ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });

    test('the side columns collapse and resize by dragging, and are remembered', async ({ page }, testInfo) => {
      await openApp(page);
      const palette = page.getByTestId('palette-column');
      const right = page.getByTestId('right-column');
      const notes = page.getByTestId('instructor-notes');

      const p0 = await width(palette);
      await dragBy(page, page.getByTestId('palette-resize'), 70, 0);
      await expect.poll(() => width(palette)).toBeCloseTo(p0 + 70, -1);
      const r0 = await width(right);
      await dragBy(page, page.getByTestId('right-resize'), -60, 0);
      await expect.poll(() => width(right)).toBeCloseTo(r0 + 60, -1);
      const n0 = await width(notes);
      await dragBy(page, page.getByTestId('notes-resize'), 60, 0); // narrower
      await expect.poll(() => width(notes)).toBeCloseTo(n0 - 60, -1);
      await attach(page, testInfo, `resized ${viewport.width}x${viewport.height}`);
      const sizes = { palette: await width(palette), right: await width(right), notes: await width(notes) };

      // Collapsed, a column is a narrow tab and the canvas takes its room.
      const c0 = await width(canvas(page));
      await page.getByTestId('palette-collapse').click();
      await page.getByTestId('notes-collapse').click();
      await expect(palette).toHaveAttribute('data-collapsed', 'true');
      await expect(notes).toHaveAttribute('data-collapsed', 'true');
      expect(await width(palette)).toBeLessThan(30);
      expect(await width(canvas(page))).toBeGreaterThan(c0 + sizes.palette + sizes.notes - 80);
      await attach(page, testInfo, `collapsed ${viewport.width}x${viewport.height}`);

      await page.reload();
      await expect(page.getByTestId('node-decoder')).toBeVisible();
      await expect(palette).toHaveAttribute('data-collapsed', 'true');
      await expect(notes).toHaveAttribute('data-collapsed', 'true');
      expect(await width(right)).toBeCloseTo(sizes.right, -1);
      await page.getByTestId('palette-expand').click();
      await page.getByTestId('notes-expand').click();
      expect(await width(palette)).toBeCloseTo(sizes.palette, -1);
      expect(await width(notes)).toBeCloseTo(sizes.notes, -1);

      // The right column collapses too, and comes back at its width.
      await page.getByTestId('right-collapse').click();
      await expect(right).toHaveAttribute('data-collapsed', 'true');
      await page.getByTestId('right-expand').click();
      expect(await width(right)).toBeCloseTo(sizes.right, -1);
    });

    test('the dock resizes by dragging, never below half the window for the canvas, and is remembered', async ({ page }) => {
      await openApp(page);
      const dock = page.getByTestId('lab-dock');
      await page.getByTestId('lab-tab-runs').click();
      const d0 = await height(dock);
      await dragBy(page, page.getByTestId('dock-resize'), 0, 60); // lower
      await expect.poll(() => height(dock)).toBeCloseTo(d0 - 60, -1);
      // Dragged far up, the dock stops where the canvas still has half the window.
      await dragBy(page, page.getByTestId('dock-resize'), 0, -600);
      expect(await height(canvas(page))).toBeGreaterThanOrEqual(viewport.height / 2);
      await dragBy(page, page.getByTestId('dock-resize'), 0, 100);
      const d1 = await height(dock);
      expect(d1).toBeLessThan(d0);
      await page.reload();
      await expect(page.getByTestId('node-decoder')).toBeVisible();
      await page.getByTestId('lab-tab-runs').click();
      expect(await height(dock)).toBeCloseTo(d1, -1);
      // Collapsed, the dock is its tab row.
      await page.getByTestId('lab-toggle').click();
      expect(await height(dock)).toBeLessThan(50);
    });

    test('while the VAE trains, the loss chart is in view and the canvas keeps half the window', async ({ page }, testInfo) => {
      await openApp(page);
      await openGalleryGraph(page, 'vae', 'enc');
      // A chosen backend skips the timing of every backend: the first progress comes sooner.
      await page.getByTestId('backend-choice').selectOption('wasm');
      await page.getByTestId('train-button').click();
      await expect(page.getByTestId('progress-label')).toHaveAttribute('data-status', 'running', { timeout: 60_000 });
      const dock = page.getByTestId('lab-dock');
      await expect(dock).not.toHaveClass(/lc-collapsed/);
      await page.waitForTimeout(300); // the dock opens in a transition

      const chart = await box(page.getByTestId('loss-chart'));
      expect(chart.y).toBeGreaterThanOrEqual(0);
      expect(chart.x).toBeGreaterThanOrEqual(0);
      expect(chart.y + chart.height).toBeLessThanOrEqual(viewport.height);
      expect(chart.x + chart.width).toBeLessThanOrEqual(viewport.width);
      // In view without scrolling the column: its scroll position is the top.
      expect(await page.locator('.training-area').evaluate((el) => el.scrollTop)).toBe(0);
      expect(await height(canvas(page))).toBeGreaterThanOrEqual(viewport.height / 2);
      // The backend's explanation is behind a disclosure.
      const backend = page.getByTestId('backend-label');
      await expect(backend).toHaveAttribute('data-backend', /wasm|cpu/);
      expect(await backend.evaluate((el) => el.tagName)).toBe('DETAILS');
      await expect(page.getByTestId('backend-reason')).toBeHidden();
      await backend.locator('summary').click();
      await expect(page.getByTestId('backend-reason')).toBeVisible();
      await backend.locator('summary').click();
      await expect(page.getByTestId('backend-reason')).toBeHidden();
      await attach(page, testInfo, `training ${viewport.width}x${viewport.height}`);
      await page.getByTestId('stop-button').click();
      await expect(page.getByTestId('progress-label')).toHaveAttribute('data-status', 'stopped', { timeout: 30_000 });
    });

    test('the objective panel keeps its height, and the canvas its top, whatever the formula', async ({ page }, testInfo) => {
      await openApp(page);
      const objective = page.getByTestId('objective-panel');
      const first = await box(objective);
      const top = (await box(canvas(page))).y;
      const heights: number[] = [];
      for (const [name, node] of [
        ['dreg', 'enc'],
        ['mc-prior', 'prior'],
        ['is-to-elbo', 'enc'],
      ] as const) {
        await page.getByTestId('gallery-button').click();
        await page.getByTestId(`gallery-item-${name}`).click();
        await expect(page.getByTestId('gallery-button')).toBeVisible();
        await expect(page.locator('.react-flow__node').first()).toBeVisible();
        await expect(page.getByTestId('objective-formula')).toBeVisible();
        heights.push((await box(objective)).height);
        expect((await box(canvas(page))).y).toBe(top);
        if (name === 'dreg') await attach(page, testInfo, `long objective ${viewport.width}x${viewport.height}`);
        void node;
      }
      expect(heights).toEqual(heights.map(() => first.height));
      // The formula scrolls inside; the collapse toggle stays and gives the canvas the room.
      await objective.getByRole('button', { name: /Objective/ }).click();
      expect((await box(canvas(page))).y).toBeLessThan(top);
    });

    test('the notes are read and edited in the notes panel, and nowhere else', async ({ page }, testInfo) => {
      await openApp(page);
      await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
      await expect(page.locator('.graph-overview')).toBeVisible();
      await expect(page.locator('.graph-overview textarea')).toHaveCount(0);
      await expect(page.getByTestId('notes-editor')).toHaveCount(0);
      const notes = page.getByTestId('instructor-notes');
      await expect(page.getByTestId('instructor-notes-body')).toBeVisible();

      await notes.getByTestId('notes-edit-toggle').click();
      const editor = notes.getByTestId('notes-editor');
      await editor.fill('Written **here**, with $x^2$.');
      await expect(page.getByTestId('instructor-notes-body')).toContainText('Written here, with');
      await expect(page.getByTestId('instructor-notes-body').locator('.katex')).toHaveCount(1);
      await attach(page, testInfo, `notes editing ${viewport.width}x${viewport.height}`);
      await notes.getByTestId('notes-edit-toggle').click();
      await expect(page.getByTestId('notes-editor')).toHaveCount(0);
      await expect(page.getByTestId('instructor-notes-body')).toContainText('Written here, with');

      // Without notes the panel is a narrow tab that opens the editor.
      await notes.getByTestId('notes-edit-toggle').click();
      await notes.getByTestId('notes-editor').fill('');
      await notes.getByTestId('notes-edit-toggle').click();
      await expect(notes).toHaveAttribute('data-collapsed', 'true');
      await page.getByTestId('notes-expand').click();
      await expect(notes.getByTestId('notes-editor')).toBeFocused();
      await page.keyboard.type('Back again.');
      await expect(page.getByTestId('instructor-notes-body')).toContainText('Back again.');
    });
  });
}
