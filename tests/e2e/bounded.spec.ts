// Memory and time stay bounded: settings a file allows but no browser can hold are refused
// with a sentence before Train and by the worker, the app stays usable, and Stop ends a
// run inside its long held-out evaluation within seconds. A likelihood that cannot fit its
// data is flagged on its node.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { openApp } from './helpers';

type Doc = { nodes: { id: string; kind: string; params: Record<string, unknown> }[]; edges: { target: string; targetPort: string }[]; training: Record<string, unknown>; meta: { title: string } };

const lecture = (name: string): Doc => JSON.parse(readFileSync(`graphs/${name}.json`, 'utf8'));
const node = (doc: Doc, id: string) => doc.nodes.find((n) => n.id === id)!;

async function openDoc(page: Page, doc: Doc, name: string): Promise<void> {
  await page.getByTestId('open-file-input').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc), 'utf8') });
  await expect(page.getByTestId('doc-title')).toHaveValue(doc.meta.title);
}

test('hostile sizes are refused before Train and by the worker, and the app stays usable', async ({ page }) => {
  await openApp(page);

  // A huge batch × samples.
  const huge = lecture('importance-sampling');
  node(huge, 'sampler').params.samples = 10_000;
  huge.training.batchSize = 65_536;
  huge.meta.title = 'Huge batch times samples';
  await openDoc(page, huge, 'huge.json');
  const refusal = page.getByTestId('training-memory-refusal');
  await expect(refusal).toHaveText(/^This model would need about [\d.]+ TB of memory for its training step, more than the [\d.]+ GB the browser may use here.*Lower the batch size \(65,536\), the samples J of ".+" \(10,000\) or the layer widths of ".+"\.$/);

  // The worker refuses too (it checks the data it loads), and says the same.
  await page.getByTestId('train-button').click();
  const error = page.getByTestId('train-error');
  await expect(error).toContainText(/This model would need about [\d.]+ TB of memory for its training step/, { timeout: 60_000 });
  await expect(page.getByTestId('train-button')).toBeEnabled();

  // Still usable: an edit is taken and the sentence follows it.
  await page.getByTestId('train-field-batchSize').fill('64');
  await expect(refusal).toContainText('Lower the batch size (64)');

  // Wide layers on a big batch name the layer node.
  const wide = lecture('vae');
  node(wide, 'dec').params.hidden = [8192, 8192, 8192, 8192];
  wide.training.batchSize = 65_536;
  wide.meta.title = 'Very wide decoder';
  await openDoc(page, wide, 'wide.json');
  await expect(refusal).toHaveText(/for its training step, .*Lower the batch size \(65,536\) or the layer widths of ".+"\.$/);

  // A lecture graph has nothing to refuse.
  await openDoc(page, lecture('vae'), 'vae.json');
  await expect(refusal).toHaveCount(0);
});

test('Stop during a long held-out evaluation (K = 100,000) ends the run within a few seconds', async ({ page }) => {
  await openApp(page);
  const doc = lecture('linear-vae');
  // A ReLU decoder: no exact likelihood, so the final NLL is importance-sampled with K samples.
  Object.assign(node(doc, 'dec'), { kind: 'dense', params: { units: 'data', activation: 'relu' } });
  doc.training = { ...doc.training, epochs: 1, evalSamples: 100_000 };
  doc.meta.title = 'Long evaluation';
  await openDoc(page, doc, 'long-eval.json');
  await page.getByTestId('train-button').click();
  const chart = page.getByTestId('loss-chart');
  // The one epoch is recorded; what follows is minutes of importance sampling.
  await expect(chart).toHaveAttribute('data-epochs', '1', { timeout: 90_000 });
  await page.waitForTimeout(1000);
  await expect(page.getByTestId('final-summary')).toHaveCount(0);
  const t0 = Date.now();
  await page.getByTestId('stop-button').click();
  const summary = page.getByTestId('final-summary');
  await expect(summary).toHaveAttribute('data-reason', 'stopped', { timeout: 5_000 });
  expect(Date.now() - t0).toBeLessThan(5_000);
  await expect(page.getByTestId('train-button')).toBeEnabled();
});

test('a Bernoulli likelihood on data outside [0, 1] is flagged on its node and in the panel', async ({ page }) => {
  await openApp(page);
  const doc = lecture('vae');
  node(doc, 'data').params = { source: 'csv', csvName: 'signed.csv', csvText: 'a,b,c\n-3.2,0.5,1\n0,4.1,2\n1,1,1\n', columns: 3 };
  doc.meta.title = 'Bernoulli on signed data';
  await openDoc(page, doc, 'bernoulli-signed.json');
  const text = 'The data range from −3.2 to 4.1; a Bernoulli likelihood needs values in [0, 1]';
  await expect(page.getByTestId('node-lik').getByTestId('node-warnings')).toContainText(text);
  await expect(page.getByTestId('training-warnings')).toContainText(text);
  // Only the likelihood carries it, and it is a warning: Train stays available.
  await expect(page.getByTestId('node-warnings')).toHaveCount(1);
  await expect(page.getByTestId('train-button')).toBeEnabled();
});
