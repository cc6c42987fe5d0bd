// Steps shared by the persistence, share and safety tests: save and compare documents,
// wait for the autosave, build a graph file with trained weights, watch for CSP violations.
import { readFile } from 'node:fs/promises';
import { expect, type Page } from '@playwright/test';

export async function downloadOf(page: Page, testId: string): Promise<{ name: string; text: string }> {
  const downloaded = page.waitForEvent('download');
  await page.getByTestId(testId).click();
  const download = await downloaded;
  return { name: download.suggestedFilename(), text: await readFile(await download.path(), 'utf8') };
}

/** The saved document without its viewport (the view differs between windows). */
export async function savedDoc(page: Page): Promise<Record<string, unknown>> {
  const { text } = await downloadOf(page, 'save-graph');
  const { viewport: _viewport, ...doc } = JSON.parse(text) as Record<string, unknown>;
  return doc;
}

/** Waits until every change so far is written to IndexedDB. */
export async function waitForAutosave(page: Page): Promise<void> {
  await expect(page.getByTestId('autosave-status')).toHaveAttribute('data-status', 'saved');
}

export async function openFile(page: Page, name: string, text: string): Promise<void> {
  await page.getByTestId('open-file-input').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text, 'utf8') });
}

export function base64Floats(values: number[]): string {
  return Buffer.from(new Float32Array(values).buffer).toString('base64');
}

/** The PPCA graph file from `graphs/` with a `weights` section (as "Save with weights" writes it). */
export async function ppcaWithWeights(): Promise<{ text: string; kernel: number[] }> {
  const doc = JSON.parse(await readFile('graphs/ppca.json', 'utf8')) as Record<string, unknown>;
  const kernel = Array.from({ length: 20 }, (_, i) => Math.round(Math.sin(i + 1) * 1000) / 1000);
  doc.weights = {
    savedAt: '2026-01-01T00:00:00.000Z',
    variables: [
      { name: 'decoder/kernel', shape: [2, 10], dtype: 'float32', data: base64Floats(kernel) },
      { name: 'decoder/bias', shape: [10], dtype: 'float32', data: base64Floats(Array(10).fill(0.25)) },
      { name: 'likelihood/logVar', shape: [], dtype: 'float32', data: base64Floats([-1.5]) },
    ],
  };
  return { text: JSON.stringify(doc, null, 2), kernel };
}

/** Records Content-Security-Policy violations on the page and in the training worker. */
export async function watchCsp(page: Page): Promise<{ read: () => Promise<string[]>; clear: () => Promise<void> }> {
  const probe = (target: string) =>
    `${target}.__cspViolations=[];${target}.addEventListener('securitypolicyviolation',(e)=>${target}.__cspViolations.push(e.violatedDirective+' blocked '+(e.blockedURI||'inline')+' at '+e.sourceFile+':'+e.lineNumber));\n`;
  await page.addInitScript(probe('document') + 'window.__cspViolations=document.__cspViolations;');
  // The worker's own violations are reported inside it: put the same listener at its top.
  await page.route('**/assets/trainer.worker-*.js', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: probe('self') + (await response.text()) });
  });
  const messages: string[] = [];
  page.on('console', (m) => {
    if (/Content.Security.Policy|Refused to/i.test(m.text())) messages.push(`console: ${m.text()}`);
  });
  const read = async () => {
    const found = [...messages, ...(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations))];
    // Only the trainer carries the probe. Its kernel threads (blob: workers) sleep in
    // Atomics.wait between products and never answer an evaluate; what they might violate
    // reaches the console listener above.
    for (const w of page.workers().filter((w) => w.url().includes('trainer.worker'))) {
      const inWorker = await w.evaluate(() => (self as unknown as { __cspViolations?: string[] }).__cspViolations).catch(() => undefined);
      if (inWorker) found.push(...inWorker.map((v) => `worker: ${v}`));
    }
    return found;
  };
  const clear = async () => {
    messages.length = 0;
    await page.evaluate(() => void (window as unknown as { __cspViolations: string[] }).__cspViolations.splice(0));
  };
  return { read, clear };
}

export async function renameGraph(page: Page, title: string): Promise<void> {
  await page.getByTestId('doc-title').fill(title);
  await page.getByTestId('doc-title').press('Enter');
  await expect(page.getByTestId('doc-title')).toHaveValue(title);
}

/** The titles in the Recent panel (opened, read, left open). */
export async function recentTitles(page: Page): Promise<string[]> {
  await page.getByTestId('recent-button').click();
  const items = page.getByTestId('recent-item');
  await expect(page.getByTestId('recent-panel')).toBeVisible();
  await expect(items.first()).toBeVisible();
  return items.locator('.recent-title').allTextContents();
}

/** Reopens a graph from the Recent panel by its title. */
export async function reopenFromRecent(page: Page, title: string): Promise<void> {
  if (!(await page.getByTestId('recent-panel').isVisible())) await page.getByTestId('recent-button').click();
  await page.getByTestId('recent-item').filter({ has: page.locator('.recent-title', { hasText: new RegExp(`^${title}$`) }) }).first().click();
}

/** This tab's session id (sessionStorage), as the app keeps it. */
export function tabSessionId(page: Page): Promise<string | null> {
  return page.evaluate(() => sessionStorage.getItem('latent-canvas.session-id'));
}
