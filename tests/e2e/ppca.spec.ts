// The whole point of the app in one test: open the PPCA graph, train it in the worker
// while the page keeps drawing, and see gradient descent land on the closed-form optimum.
import { expect, test } from '@playwright/test';
import { numberAttr, openApp, readFrameProbe, startFrameProbe } from './helpers';

// The lecture graph trains full-batch (batch 1000 of 800 training rows, Adam, lr 0.1), so
// an epoch is one step; about 200 steps land on the optimum (seeded, so the same numbers
// each run on one backend). 250 epochs take a second or two on the wasm backend.
const EPOCHS = 250;
/** How close (nats per example) gradient descent must come to the closed-form NLL. */
const MARGIN = 0.05;

test('PPCA opens clean, trains in the worker without freezing the page, and reaches the closed form', async ({ page }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));

  await openApp(page);
  await expect(page.getByTestId('node-errors')).toHaveCount(0);
  expect(await page.evaluate(() => window.crossOriginIsolated)).toBe(true);

  // The worker reports its backend at mount, before any training.
  const backend = page.getByTestId('backend-label');
  await expect(backend).toHaveAttribute('data-backend', /^(webgpu|webgl|wasm|cpu)$/, { timeout: 60_000 });
  const backendName = await backend.getAttribute('data-backend');
  await expect(backend).toContainText(backendName!);

  // A short run: set the epochs in the panel (the field commits to the document).
  const epochs = page.getByTestId('train-field-epochs');
  await epochs.fill(String(EPOCHS));
  await expect(epochs).toHaveValue(String(EPOCHS));
  await expect(page.getByTestId('train-field-error-epochs')).toHaveCount(0);

  await startFrameProbe(page);
  await page.getByTestId('train-button').click();

  const progress = page.getByTestId('progress-label');
  await expect(progress).toContainText(new RegExp(`Epoch \\d+/${EPOCHS}`), { timeout: 60_000 });
  await expect(progress).toContainText('samples/s');

  const summary = page.getByTestId('final-summary');
  await expect(summary).toBeVisible({ timeout: 110_000 });
  const frames = await readFrameProbe(page, true);

  await expect(page.getByTestId('train-error')).toHaveCount(0);
  await expect(progress).toHaveAttribute('data-status', 'finished');

  // The page kept drawing while the worker trained (no tight timing: just no freeze).
  expect(frames.count, `frames during training: ${JSON.stringify(frames)}`).toBeGreaterThan(20);
  expect(frames.maxGapMs, `frames during training: ${JSON.stringify(frames)}`).toBeLessThan(1000);

  // The chart got one point per epoch, from the worker's events, and the loss went down.
  const chart = page.getByTestId('loss-chart');
  await expect(chart).toHaveAttribute('data-epochs', String(EPOCHS));
  const firstLoss = await numberAttr(chart, 'data-first-train-loss');
  const lastLoss = await numberAttr(chart, 'data-last-train-loss');
  expect(lastLoss).toBeLessThan(firstLoss);
  await expect(chart.locator('canvas')).toHaveCount(1);

  // The closed form (eigendecomposition) is shown, on the chart and as numbers.
  const closedForm = page.getByTestId('closed-form-value');
  await expect(closedForm).toBeVisible();
  const cfTrain = await numberAttr(closedForm, 'data-train-nll');
  const cfTest = await numberAttr(closedForm, 'data-test-nll');
  expect(await numberAttr(chart, 'data-closed-form')).toBe(cfTrain);

  // Gradient descent lands on the optimum, within a small margin; on the training set it
  // cannot go below it (beyond float noise), since the closed form is the maximum likelihood.
  const trainLoss = await numberAttr(summary, 'data-train-loss');
  const testNll = await numberAttr(summary, 'data-test-nll');
  const report = `backend ${backendName}; train loss ${firstLoss} -> ${lastLoss}; final train ${trainLoss} vs closed form ${cfTrain}; test NLL ${testNll} vs ${cfTest}; frames ${JSON.stringify(frames)}`;
  console.log(report);
  expect(Math.abs(trainLoss - cfTrain), report).toBeLessThan(MARGIN);
  expect(trainLoss, report).toBeGreaterThan(cfTrain - 0.01);
  expect(Math.abs(testNll - cfTest), report).toBeLessThan(MARGIN);
  await expect(summary).toHaveAttribute('data-test-nll-method', /\S/);
  await expect(summary).toContainText('Subspace angle');

  expect(pageErrors).toEqual([]);
});
