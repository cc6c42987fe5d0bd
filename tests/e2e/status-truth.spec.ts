// A diverging run, as every panel tells it: the progress line, the runs list, the model
// views and the diagnostics say where it diverged and which weights it kept — never
// "Trained", "did not start" or "the last trained model" — and they say the same thing.
import { expect, test } from '@playwright/test';
import { openApp } from './helpers';

const MISLEADING = /Trained|did not start|last trained model/;

test('a diverged run says where it diverged and what it kept, in every panel', async ({ page }) => {
  await openApp(page);
  // Plain gradient descent at the largest learning rate the settings allow blows PPCA up.
  await page.getByTestId('train-field-optimizer').selectOption('sgd');
  await page.getByTestId('train-field-learningRate').fill('10');
  await page.getByTestId('train-field-epochs').fill('50');
  await page.getByTestId('train-button').click();

  const label = page.getByTestId('progress-label');
  await expect(label).toHaveAttribute('data-outcome', 'diverged', { timeout: 90_000 });
  await expect(label).toHaveAttribute('data-status', 'failed');
  const text = (await label.textContent()) ?? '';
  // Mid-epoch ("at epoch 1, step 7") or from an epoch's mean loss ("at the end of epoch 1").
  const m = /^Diverged (at epoch \d+, step \d+|at the end of epoch \d+) — weights restored to (the start \(no epoch finished\)|the end of epoch (\d+))\.$/.exec(text);
  expect(m, `progress line: ${text}`).not.toBeNull();
  const [, where, restored, restoredEpoch] = m!;
  expect(text).not.toMatch(MISLEADING);
  await expect(page.getByTestId('train-error')).toContainText('diverged');

  // The top bar: weights restored to the start are not trained weights; an epoch's are, up to it.
  const badge = page.getByTestId('trained-badge');
  if (restoredEpoch === undefined) await expect(badge).toHaveCount(0);
  else await expect(badge).toHaveText(`Trained to epoch ${restoredEpoch}`);

  await page.getByTestId('lab-tab-runs').click();
  const row = page.getByTestId('run-row-0');
  await expect(row).toHaveAttribute('data-outcome', 'diverged');
  const meta = page.getByTestId('run-meta-0');
  await expect(meta).toContainText(`diverged ${where} — weights restored to ${restored}`);
  expect(await meta.textContent()).not.toMatch(MISLEADING);

  await page.getByTestId('lab-tab-views').click();
  const caption = page.getByTestId('views-caption');
  const expected =
    restoredEpoch === undefined
      ? `The initial, untrained weights, restored after the run diverged ${where} (no epoch finished)`
      : `The weights from the end of epoch ${restoredEpoch}, restored after the run diverged ${where}`;
  await expect(caption).toHaveText(expected, { timeout: 30_000 });
  await expect(page.getByTestId('views-panel')).toHaveAttribute('data-state', 'ready');

  await page.getByTestId('lab-tab-diagnostics').click();
  await expect(page.getByTestId('diagnostics-model')).toContainText(expected.charAt(0).toLowerCase() + expected.slice(1));
  expect(await page.getByTestId('diagnostics-model').textContent()).not.toMatch(MISLEADING);
});
