// Evaluation as the literature does it: binarise MNIST's grey levels in the inspector, see the
// data node say so, and watch the final held-out NLL's progress ("Held-out NLL, K = …: 40 %")
// until Stop ends it; the result names K, the proposal and the binarisation.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { openApp } from './helpers';

type Doc = { nodes: { id: string; kind: string; params: Record<string, unknown> }[]; training: Record<string, unknown>; meta: { title: string } };

const lecture = (name: string): Doc => JSON.parse(readFileSync(`graphs/${name}.json`, 'utf8'));
const node = (doc: Doc, id: string) => doc.nodes.find((n) => n.id === id)!;

async function openDoc(page: Page, doc: Doc, name: string): Promise<void> {
  await page.getByTestId('open-file-input').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc), 'utf8') });
  await expect(page.getByTestId('doc-title')).toHaveValue(doc.meta.title);
}

test('binarisation set in the inspector shows on the data node, and the held-out NLL shows its progress until Stop', async ({ page }) => {
  await openApp(page);
  // The reference VAE made small, so one epoch on MNIST is quick; then K = 100,000 samples
  // per test digit: minutes of evaluation.
  const doc = lecture('vae');
  node(doc, 'enc').params.units = 16;
  node(doc, 'dec').params.hidden = [16];
  doc.training = { ...doc.training, epochs: 1, batchSize: 256, evalSamples: 100_000 };
  doc.meta.title = 'Binarised VAE';
  await openDoc(page, doc, 'binarised-vae.json');

  const data = page.getByTestId('node-data');
  const summary = data.getByTestId('node-summary');
  await expect(summary).toHaveText('D=784 · mnist');
  await data.locator('.model-node-header').click();
  const inspector = page.getByTestId('inspector');
  const mode = inspector.getByTestId('field-binarize');
  await expect(mode).toHaveValue('none');
  await expect(inspector.getByTestId('field-binarizeSeed')).toHaveCount(0);

  await mode.selectOption('fixed');
  await expect(summary).toHaveText('D=784 · mnist · binarised once (seed 1)');
  const seed = inspector.getByTestId('field-binarizeSeed');
  await seed.fill('3');
  await seed.press('Enter');
  await expect(summary).toHaveText('D=784 · mnist · binarised once (seed 3)');
  await mode.selectOption('dynamic');
  await expect(summary).toHaveText('D=784 · mnist · binarised dynamically');
  await expect(page.getByTestId('objective-panel')).toContainText('binarised dynamically');

  await page.getByTestId('train-button').click();
  const label = page.getByTestId('progress-label');
  await expect(label).toContainText(/Held-out NLL, K = 100,000: \d+ %/, { timeout: 90_000 });
  await page.getByTestId('stop-button').click();
  const result = page.getByTestId('final-summary');
  await expect(result).toHaveAttribute('data-reason', 'stopped', { timeout: 10_000 });
  await expect(result).toHaveAttribute('data-test-nll-method', /stopped.*K = 100000, proposal q\(z\|x\) from the graph, test set binarised once \(seed 3\), training set binarised dynamically|K = 100000, proposal q\(z\|x\) from the graph, test set binarised once \(seed 3\), training set binarised dynamically.*stopped/);
  await expect(label).not.toContainText('Held-out NLL');
});
