// The run controls against the real worker: pause, resume and stop a long run; and a
// graph that does not compile is answered with the worker's error, shown in the panel.
import { expect, test } from '@playwright/test';
import { openApp } from './helpers';

test('pause, resume and stop a run', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('train-field-epochs').fill('100000');
  await page.getByTestId('train-button').click();

  const progress = page.getByTestId('progress-label');
  const chart = page.getByTestId('loss-chart');
  const epochsDrawn = async () => Number((await chart.getAttribute('data-epochs')) ?? 0);

  await expect(progress).toHaveAttribute('data-status', 'running', { timeout: 60_000 });
  await expect.poll(epochsDrawn, { timeout: 60_000 }).toBeGreaterThan(2);
  await expect(page.getByTestId('train-button')).toBeDisabled();
  await expect(page.getByTestId('train-field-epochs')).toBeDisabled();

  await page.getByTestId('pause-button').click();
  await expect(progress).toHaveAttribute('data-status', 'paused');
  await expect(page.getByTestId('resume-button')).toBeEnabled();
  await expect(page.getByTestId('pause-button')).toBeDisabled();

  const atPause = await epochsDrawn();
  await page.getByTestId('resume-button').click();
  await expect(progress).toHaveAttribute('data-status', 'running');
  await expect.poll(epochsDrawn, { timeout: 60_000 }).toBeGreaterThan(atPause + 1);

  const atStop = await epochsDrawn();
  await page.getByTestId('stop-button').click();
  const summary = page.getByTestId('final-summary');
  await expect(summary, 'Stop ends the run within a few seconds').toBeVisible({ timeout: 10_000 });
  await expect(summary).toHaveAttribute('data-reason', 'stopped');
  await expect(progress).toHaveAttribute('data-status', 'stopped');
  await expect(page.getByTestId('train-button')).toBeEnabled();
  await expect(page.getByTestId('train-error')).toHaveCount(0);
  // The run ended where it was stopped (PPCA epochs take a millisecond or two, so a few
  // dozen may finish between reading the chart and the worker seeing Stop), and nothing
  // arrives afterwards.
  const final = await epochsDrawn();
  expect(final).toBeGreaterThanOrEqual(atStop);
  await page.waitForTimeout(1500);
  expect(await epochsDrawn()).toBe(final);
});

test('a graph that does not compile gets the worker\'s error in the panel', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('notes-collapse').click(); // the decoder sits where the notes column starts
  // Remove the decoder: the exact NLL has no linear-Gaussian chain left to marginalise.
  await page.getByTestId('node-decoder').locator('.model-node-header').click();
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('node-decoder')).toHaveCount(0);

  await page.getByTestId('train-button').click();
  const error = page.getByTestId('train-error');
  await expect(error).toBeVisible({ timeout: 60_000 });
  // The sentence says what is wrong and with which node, not just that something is.
  await expect(error).toContainText('The exact marginal likelihood needs prior → sampler → linear → Gaussian likelihood');
  await expect(error).toContainText('the likelihood has no mean input');
  await expect(error).toContainText('The likelihood is over 2 dimensions but the data has 10.');
  await expect(page.getByTestId('progress-label')).toHaveAttribute('data-status', 'failed');
  await expect(page.getByTestId('final-summary')).toHaveCount(0);
  await expect(page.getByTestId('loss-chart')).toHaveAttribute('data-epochs', '0');
  await expect(page.getByTestId('train-button')).toBeEnabled();
  console.log(`compile error shown: ${await error.textContent()}`);
});
