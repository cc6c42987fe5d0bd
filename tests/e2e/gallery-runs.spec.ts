// The gallery in lecture order (Part I, Part II, the variants, with step numbers and a
// picture of each graph), Previous/Next between its graphs, and runs that belong to their
// graph: the list shows the open graph's runs, "All graphs" every run, and a variant's row
// says it trained another graph and opens it.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { atLaptopSizes, openApp } from './helpers';

const titleOf = (name: string): string => JSON.parse(readFileSync(`graphs/${name}.json`, 'utf8')).meta.title;

async function trainToEnd(page: Page, epochs: number): Promise<void> {
  await page.getByTestId('train-field-epochs').fill(String(epochs));
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('progress-label')).toHaveAttribute('data-status', 'finished', { timeout: 60_000 });
}

// The gallery and Previous/Next at both laptop sizes; the runs list does not depend on the size.
atLaptopSizes(() => {
  test('the gallery lists Part I, Part II and the variants in order, numbered, each with a picture', async ({ page }, testInfo) => {
    await openApp(page);
    await page.getByTestId('gallery-button').click();
    const gallery = page.getByTestId('gallery');
    const sections = gallery.locator('.gallery-section');
    await expect(sections).toHaveCount(3);
    expect(await sections.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')))).toEqual(['gallery-section-part-1', 'gallery-section-part-2', 'gallery-section-variants']);
    await expect(sections.nth(0).locator('h3')).toContainText('Part I');
    await expect(sections.nth(1).locator('h3')).toContainText('Part II');
    await expect(sections.nth(2).locator('h3')).toContainText('Variants');

    const items = gallery.locator('.gallery-item');
    const order = await items.evaluateAll((els) => els.map((e) => [e.getAttribute('data-testid'), e.getAttribute('data-step')]));
    expect(order).toEqual(
      ['ppca', 'linear-vae', 'autoencoder', 'mc-prior', 'importance-sampling', 'vae', 'vae-2d', 'elbo-from-parts', 'iwae-from-parts', 'is-to-elbo', 'beta-vae', 'stl', 'dreg'].map((n, i) => [`gallery-item-${n}`, String(i + 1)]),
    );
    // Every item shows a picture of its graph: one box per node, with the graph's edges.
    const ppcaThumb = page.getByTestId('gallery-item-ppca').getByTestId('gallery-thumb');
    await expect(ppcaThumb).toHaveAttribute('data-node-count', '6');
    await expect(ppcaThumb.locator('rect')).toHaveCount(6);
    await expect(ppcaThumb.locator('line')).toHaveCount(JSON.parse(readFileSync('graphs/ppca.json', 'utf8')).edges.length);
    for (const thumb of await gallery.getByTestId('gallery-thumb').all()) expect(Number(await thumb.getAttribute('data-node-count'))).toBeGreaterThan(2);
    // Boxes are coloured by their node's family.
    const fills = await ppcaThumb.locator('rect').evaluateAll((els) => new Set(els.map((e) => getComputedStyle(e).fill)).size);
    expect(fills).toBeGreaterThanOrEqual(4);
    await testInfo.attach('gallery', { body: await page.screenshot({ path: testInfo.outputPath('screen.png') }), contentType: 'image/png' });

    await page.getByTestId('gallery-item-vae').click();
    await expect(page.getByTestId('doc-title')).toHaveValue(titleOf('vae'));
    await expect(page.getByTestId('gallery-stepper')).toHaveAttribute('data-step', '6');
  });

  test('Previous/Next moves between the gallery graphs and keeps the work that was open', async ({ page }, testInfo) => {
    await openApp(page);
    const stepper = page.getByTestId('gallery-stepper');
    await expect(stepper).toHaveAttribute('data-step', '1');
    await expect(page.getByTestId('gallery-prev')).toBeDisabled();
    await page.getByTestId('train-field-epochs').fill('7'); // an edit: this work must go to Recent

    await page.getByTestId('gallery-next').click();
    await expect(page.getByTestId('doc-title')).toHaveValue(titleOf('linear-vae'));
    await expect(stepper).toHaveAttribute('data-step', '2');
    await expect(page.getByTestId('status-message')).toContainText(`Your previous graph “${titleOf('ppca')}” is in Recent.`);
    await page.getByTestId('gallery-next').click();
    await expect(page.getByTestId('doc-title')).toHaveValue(titleOf('autoencoder'));
    await expect(stepper).toHaveAttribute('data-step', '3');
    await testInfo.attach('stepper', { body: await page.screenshot({ path: testInfo.outputPath('screen.png') }), contentType: 'image/png' });
    await page.getByTestId('gallery-prev').click();
    await expect(page.getByTestId('doc-title')).toHaveValue(titleOf('linear-vae'));
    await expect(stepper).toHaveAttribute('data-step', '2');

    // A graph of one's own is no step of the course: no Previous/Next.
    await page.getByTestId('doc-title').fill('My own graph');
    await page.getByTestId('doc-title').press('Enter');
    await expect(stepper).toHaveCount(0);
  });
});

test("the runs list shows the open graph's runs, and every graph's with All graphs", async ({ page }, testInfo) => {
  await openApp(page);
  await trainToEnd(page, 3);
  await page.getByTestId('gallery-button').click();
  await page.getByTestId('gallery-item-linear-vae').click();
  await expect(page.getByTestId('doc-title')).toHaveValue(titleOf('linear-vae'));

  await page.getByTestId('lab-tab-runs').click();
  const panel = page.getByTestId('runs-panel');
  await expect(panel).toHaveAttribute('data-total-runs', '1');
  await expect(panel).toHaveAttribute('data-run-count', '0');
  await expect(page.getByTestId('runs-empty')).toContainText('All graphs');

  await trainToEnd(page, 2);
  await expect(panel).toHaveAttribute('data-run-count', '1');
  await expect(page.getByTestId('run-graph-0')).toHaveText(titleOf('linear-vae'));
  await expect(page.getByTestId('run-graph-0')).toHaveAttribute('data-relation', 'open');

  await page.getByTestId('runs-all-graphs').check();
  await expect(panel).toHaveAttribute('data-run-count', '2');
  await expect(page.getByTestId('run-graph-0')).toHaveAttribute('data-relation', 'other-graph');
  await expect(page.getByTestId('run-graph-0')).toContainText(`trained “${titleOf('ppca')}” — open it`);
  await expect(page.getByTestId('run-graph-1')).toHaveAttribute('data-relation', 'open');
  await testInfo.attach('runs-all-graphs', { body: await page.screenshot({ path: testInfo.outputPath('screen.png') }), contentType: 'image/png' });
  await page.getByTestId('runs-all-graphs').uncheck();
  await expect(panel).toHaveAttribute('data-run-count', '1');
});

test("a variant's row says it trained another graph, and opens that graph", async ({ page }, testInfo) => {
  await openApp(page);
  await page.getByTestId('train-field-epochs').fill('3');
  await page.getByTestId('lab-tab-runs').click();
  await page.getByTestId('variant-button').click();
  await page.getByTestId('variant-option-loss-mcPriorLoss').click();
  await expect(page.getByTestId('run-row-0')).toHaveAttribute('data-status', 'finished', { timeout: 60_000 });
  const line = page.getByTestId('run-graph-0');
  await expect(line).toHaveAttribute('data-relation', 'variant');
  await expect(line).toContainText('trained a variant: Prior MC, J=10 — open it');
  await expect(page.getByTestId('node-loss')).not.toContainText('Monte Carlo (prior samples)'); // the canvas keeps its own estimator
  await testInfo.attach('variant-row', { body: await page.screenshot({ path: testInfo.outputPath('screen.png') }), contentType: 'image/png' });

  await page.getByTestId('run-open-graph-0').click();
  await expect(page.getByTestId('node-loss')).toContainText('Monte Carlo (prior samples)');
  await expect(page.getByTestId('status-message')).toContainText('Opened the graph of run “Prior MC, J=10”');
  await expect(line).toHaveAttribute('data-relation', 'open');
  await expect(line).toHaveText(titleOf('ppca'));
});
