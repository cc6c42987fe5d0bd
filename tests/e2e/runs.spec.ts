// Runs: every Train is recorded; two runs overlay on one chart, a run is renamed inline,
// the table exports as CSV, a variant trains from the open graph without changing it, and
// delete removes a run.
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { openApp } from './helpers';

/** Trains the open graph; a run's name says its learning rate, so it tells the runs apart. */
async function trainToEnd(page: Page, runName: string): Promise<void> {
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('current-run-name')).toHaveText(`Run: ${runName}`);
  await expect(page.getByTestId('progress-label')).toHaveAttribute('data-status', 'finished', { timeout: 60_000 });
}

test('two runs overlay, rename, export as CSV, a variant, delete', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('train-field-epochs').fill('20');
  await trainToEnd(page, 'Exact NLL · lr 0.1');
  await page.getByTestId('train-field-learningRate').fill('0.03');
  await trainToEnd(page, 'Exact NLL · lr 0.03');

  await page.getByTestId('lab-tab-runs').click();
  await expect(page.getByTestId('runs-panel')).toHaveAttribute('data-run-count', '2');
  await expect(page.getByTestId('run-row-0')).toHaveAttribute('data-epochs', '20');
  await expect(page.getByTestId('run-row-1')).toHaveAttribute('data-epochs', '20');
  const chart = page.getByTestId('runs-chart');
  await expect(chart).toHaveAttribute('data-series-count', '2');
  await expect(page.getByTestId('run-name-1')).toHaveValue('Exact NLL · lr 0.03');

  // Rename inline: Enter commits, and the chart's legend follows.
  const name = page.getByTestId('run-name-0');
  await name.fill('fast, lr 0.1');
  await name.press('Enter');
  await expect(name).toHaveValue('fast, lr 0.1');
  await expect(chart.locator('.u-legend')).toContainText('fast, lr 0.1');

  const downloaded = page.waitForEvent('download');
  await page.getByTestId('runs-export-csv').click();
  const download = await downloaded;
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const lines = (await readFile(await download.path(), 'utf8')).trim().split('\n');
  expect(lines[0]).toBe('run,epoch,trainLoss,testLoss,nll');
  expect(lines).toHaveLength(1 + 2 * 20);
  expect(lines[1]).toMatch(/^"fast, lr 0\.1",1,[\d.]+,[\d.]+,[\d.]+$/);
  expect(lines[40]).toMatch(/^Exact NLL · lr 0\.03,20,/);

  // One click: the prior-sample estimator on the same graph, as a new run; the graph stays.
  await page.getByTestId('variant-button').click();
  await page.getByTestId('variant-option-loss-mcPriorLoss').click();
  await expect(page.getByTestId('run-row-2')).toBeVisible();
  await expect(page.getByTestId('run-name-2')).toHaveValue('Prior MC, J=10');
  await expect(page.getByTestId('run-row-2')).toHaveAttribute('data-status', 'finished', { timeout: 60_000 });
  await expect(chart).toHaveAttribute('data-series-count', '3');
  await expect(page.getByTestId('node-loss')).toContainText('Exact marginal NLL');

  await page.getByTestId('run-delete-1').click();
  await expect(page.getByTestId('runs-panel')).toHaveAttribute('data-run-count', '2');
  await expect(chart).toHaveAttribute('data-series-count', '2');
  await expect(page.getByTestId('run-name-1')).toHaveValue('Prior MC, J=10');
});

test('Start paused waits for Step, which runs one optimisation step at a time', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('train-field-epochs').fill('5');
  await page.getByTestId('train-field-batchSize').fill('100'); // 800 training rows: 8 steps per epoch
  await page.getByTestId('start-paused').check();
  await page.getByTestId('train-button').click();

  const label = page.getByTestId('progress-label');
  const bar = page.getByTestId('progress-bar');
  await expect(label).toHaveAttribute('data-status', 'paused', { timeout: 60_000 });
  await expect(bar).toHaveAttribute('aria-valuenow', '0');
  const step = page.getByTestId('step-button');
  await expect(step).toBeEnabled();

  await step.click();
  await expect(label).toContainText('step 1/8');
  await step.click();
  await expect(label).toContainText('step 2/8');
  await expect(bar).toHaveAttribute('aria-valuenow', '5'); // 2 of 40 steps
  await expect(label).toHaveAttribute('data-status', 'paused');

  await page.getByTestId('resume-button').click();
  await expect(label).toHaveAttribute('data-status', 'finished', { timeout: 60_000 });
  await expect(bar).toHaveAttribute('aria-valuenow', '100');
  await expect(label).toContainText('Epoch 5/5');
});
