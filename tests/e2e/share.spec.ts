// Sharing: a link carries the graph (opened in a fresh browser context it is the same
// document), a bad link changes nothing, a link never silently replaces your work, a
// hosted file opens with ?graph= and fails with clear reasons, and a graph too large for
// a link is refused with the advice to save it instead.
import { readFile } from 'node:fs/promises';
import LZString from 'lz-string';
import { expect, test, type Page } from '@playwright/test';
import { PPCA_NODE_IDS, flowNodes, openApp } from './helpers';
import { downloadOf, openFile, reopenFromRecent, savedDoc, waitForAutosave } from './sessionHelpers';

async function copyLink(page: Page): Promise<string> {
  await page.getByTestId('share-link').click();
  const box = page.getByTestId('share-link-url');
  await expect(box).toBeVisible();
  return box.inputValue();
}

async function rename(page: Page, title: string): Promise<void> {
  await page.getByTestId('doc-title').fill(title);
  await page.getByTestId('doc-title').press('Enter');
  await expect(page.getByTestId('doc-title')).toHaveValue(title);
}

test('a share link opens the identical graph in a fresh browser context', async ({ page, browser }) => {
  await openApp(page);
  await rename(page, 'Shared PPCA');
  await page.getByTestId('node-sampler').locator('.model-node-header').click();
  await page.getByTestId('delete-node').click();
  await expect(page.getByTestId('node-sampler')).toHaveCount(0);
  const original = await savedDoc(page);
  const url = await copyLink(page);
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#share=[A-Za-z0-9+\-$]+$/);

  const fresh = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
    const other = await fresh.newPage();
    await other.goto(url);
    await expect(other.getByTestId('doc-title')).toHaveValue('Shared PPCA');
    for (const id of PPCA_NODE_IDS.filter((n) => n !== 'sampler')) await expect(other.getByTestId(`node-${id}`)).toBeVisible();
    await expect(other.getByTestId('node-sampler')).toHaveCount(0);
    await expect(other.getByTestId('file-error')).toHaveCount(0);
    await expect(other.getByTestId('status-message')).toContainText('Opened the shared link');
    expect(await savedDoc(other)).toEqual(original);
    // The link is consumed: a reload shows the autosave, not the link again.
    expect(new URL(other.url()).hash).toBe('');
    // A fresh browser had nothing to lose, so there is nothing to restore.
    await expect(other.getByTestId('restore-previous')).toHaveCount(0);
  } finally {
    await fresh.close();
  }
});

test('a damaged link shows why and keeps the graph that was open', async ({ page }) => {
  await openApp(page);
  await rename(page, 'Keep me');
  await waitForAutosave(page);
  const before = await savedDoc(page);

  await page.goto('/#share=N4Ig%%%this-is-not-a-graph');
  const error = page.getByTestId('file-error');
  await expect(error).toBeVisible();
  await expect(error).toContainText('the shared link');
  await expect(page.getByTestId('doc-title')).toHaveValue('Keep me');
  expect(await savedDoc(page)).toEqual(before);

  // Decompresses, but is not a graph: the parser's reasons are shown.
  await page.goto(`/#share=${LZString.compressToEncodedURIComponent('{"format":"something-else"}')}`);
  await expect(error).toBeVisible();
  await expect(error).toContainText('not a Latent Canvas graph');
  await expect(page.getByTestId('doc-title')).toHaveValue('Keep me');
});

test('a link opened over your work keeps it one click away', async ({ page }) => {
  await openApp(page);
  // Someone else's graph, as a link.
  await page.getByTestId('gallery-button').click();
  await page.getByTestId('gallery-item-linear-vae').click();
  await expect(page.getByTestId('node-encMean')).toBeVisible();
  const url = await copyLink(page);

  // Your own work, autosaved.
  await page.getByTestId('gallery-button').click();
  await page.getByTestId('gallery-item-ppca').click();
  await rename(page, 'My own work');
  await waitForAutosave(page);

  await page.goto(url);
  await expect(page.getByTestId('node-encMean')).toBeVisible();
  await expect(page.getByTestId('status-message')).toContainText('Your previous graph “My own work” is in Recent.');
  await reopenFromRecent(page, 'My own work');
  await expect(page.getByTestId('doc-title')).toHaveValue('My own work');
  await expect(page.getByTestId('node-encMean')).toHaveCount(0);
  // And back again: neither graph is ever lost.
  await reopenFromRecent(page, 'Linear VAE on the PPCA data');
  await expect(page.getByTestId('node-encMean')).toBeVisible();
});

test('?graph= opens a hosted file, and says why when it cannot', async ({ page }) => {
  const ppca = await readFile('graphs/ppca.json', 'utf8');
  const hosted = JSON.stringify({ ...JSON.parse(ppca), meta: { title: 'Hosted lecture', description: '' } });
  const cors = { 'Access-Control-Allow-Origin': '*' };
  await page.route('https://lectures.example.org/**', (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/ppca.json') return route.fulfill({ status: 200, headers: cors, contentType: 'application/json', body: hosted });
    if (path === '/broken.json') return route.fulfill({ status: 200, headers: cors, contentType: 'application/json', body: '{ "format": "latent-canvas.graph", ' });
    if (path === '/other.json') return route.fulfill({ status: 200, headers: cors, contentType: 'application/json', body: '{"format":"something-else"}' });
    if (path === '/down.json') return route.abort('connectionrefused');
    return route.fulfill({ status: 404, headers: cors, body: 'not here' });
  });

  await page.goto('/?graph=' + encodeURIComponent('https://lectures.example.org/ppca.json'));
  await expect(page.getByTestId('doc-title')).toHaveValue('Hosted lecture');
  await expect(page.getByTestId('file-error')).toHaveCount(0);
  expect(new URL(page.url()).search).toBe('');

  const error = page.getByTestId('file-error');
  const cases: [string, RegExp][] = [
    ['missing.json', /answered 404/],
    ['broken.json', /not valid JSON \(line 1, column/],
    ['other.json', /not a Latent Canvas graph/],
    ['down.json', /request failed/],
  ];
  for (const [file, why] of cases) {
    await page.goto('/?graph=' + encodeURIComponent(`https://lectures.example.org/${file}`));
    await expect(error).toBeVisible();
    await expect(error).toContainText(why);
    // What was open (the autosaved hosted lecture) stays open.
    await expect(page.getByTestId('doc-title')).toHaveValue('Hosted lecture');
  }
  await page.goto('/?graph=' + encodeURIComponent('http://example.org/plain.json'));
  await expect(error).toContainText('https://');
});

test('a graph too large for a link is refused with the advice to save it', async ({ page }) => {
  await openApp(page);
  const doc = JSON.parse(await readFile('graphs/ppca.json', 'utf8'));
  let s = 7;
  const rows: string[] = [];
  for (let i = 0; i < 20000; i++) {
    const cells: string[] = [];
    for (let j = 0; j < 10; j++) {
      s = (s * 16807) % 2147483647;
      cells.push(((s % 200000) / 1000 - 100).toFixed(3));
    }
    rows.push(cells.join(','));
  }
  const data = doc.nodes.find((n: { id: string }) => n.id === 'data');
  data.params = { source: 'csv', csvText: rows.join('\n'), columns: 10 };
  await openFile(page, 'big.json', JSON.stringify(doc));
  await expect(page.getByTestId('file-error')).toHaveCount(0);
  await expect(flowNodes(page)).toHaveCount(PPCA_NODE_IDS.length);
  await page.getByTestId('share-link').click();
  const status = page.getByTestId('status-message');
  await expect(status).toContainText('too large for a link');
  await expect(status).toContainText('CSV');
  await expect(status).toContainText('Save');
  await expect(page.getByTestId('share-link-url')).toHaveCount(0);
});

test('saved with weights, a graph opens trained in a fresh browser; the decoder exports as a tfjs model', async ({ page, browser }) => {
  await openApp(page);
  const save = page.getByTestId('save-with-weights');
  await save.click();
  await expect(page.getByTestId('status-message')).toContainText('no trained weights yet');
  await page.getByTestId('train-field-epochs').fill('20');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('progress-label')).toHaveAttribute('data-status', 'finished', { timeout: 60_000 });
  await expect(save).toHaveAttribute('data-trained', 'true');
  const trainedLoss = Number(await page.getByTestId('final-summary').getAttribute('data-train-loss'));
  const file = await downloadOf(page, 'save-with-weights');
  const weights = (JSON.parse(file.text) as { weights: { variables: { name: string; shape: number[] }[] } }).weights;
  expect(weights.variables.map((v) => `${v.name} ${v.shape.join('x')}`).sort()).toEqual(['decoder/bias 10', 'decoder/kernel 2x10', 'likelihood/logVar ']);

  // The decoder as a TensorFlow.js layers model: model.json and its weights.
  await page.getByTestId('export-menu').click();
  const downloads: { name: string; size: number }[] = [];
  const both = new Promise<void>((resolve) => {
    page.on('download', async (d) => {
      downloads.push({ name: d.suggestedFilename(), size: (await readFile((await d.path())!)).length });
      if (downloads.length === 2) resolve();
    });
  });
  await page.getByTestId('export-decoder').click();
  await both;
  expect(downloads.map((d) => d.name).sort()).toEqual(['probabilistic-pca-decoder.json', 'probabilistic-pca-decoder.weights.bin']);
  expect(downloads.find((d) => d.name.endsWith('.bin'))!.size).toBe((20 + 10) * 4);
  // PPCA has no encoder: the export says why.
  await page.getByTestId('export-menu').click();
  await page.getByTestId('export-encoder').click();
  await expect(page.getByTestId('status-message')).toContainText('no encoder');

  const fresh = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
    const other = await fresh.newPage();
    await openApp(other);
    await expect(other.getByTestId('trained-badge')).toHaveCount(0);
    // For comparison: one epoch from a fresh initialisation.
    await other.getByTestId('train-field-epochs').fill('1');
    await other.getByTestId('train-button').click();
    await expect(other.getByTestId('progress-label')).toHaveAttribute('data-status', 'finished', { timeout: 60_000 });
    const untrainedLoss = Number(await other.getByTestId('final-summary').getAttribute('data-train-loss'));
    await openFile(other, file.name, file.text);
    await expect(other.getByTestId('trained-badge')).toHaveAttribute('data-origin', 'file');
    // Training continues from the saved weights: one more epoch is no worse than where they left off.
    await other.getByTestId('train-field-epochs').fill('1');
    await other.getByTestId('train-button').click();
    await expect(other.getByTestId('progress-label')).toHaveAttribute('data-status', 'finished', { timeout: 60_000 });
    const loss = Number(await other.getByTestId('final-summary').getAttribute('data-train-loss'));
    expect(loss).toBeLessThan(trainedLoss + 0.05);
    expect(loss).toBeLessThan(untrainedLoss - 1);
  } finally {
    await fresh.close();
  }
});
