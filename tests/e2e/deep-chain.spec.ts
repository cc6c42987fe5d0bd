// Issue 10: the deepest graph a file may hold — 2,000 nodes in one chain of dense layers
// (Monte Carlo loss) or of linear layers (exact likelihood) — opens from a file, renders, shows its formula and trains in the real worker, without a
// "Maximum call stack size exceeded" anywhere (page, analysis, formula, worker).
import { expect, test } from '@playwright/test';
import { openApp } from './helpers';
import { deepChainGraph } from '../../src/testing/deepChain';

for (const [layers, inFormula] of [
  ['dense', 'layers'],
  ['linear', '1995'],
] as const) {
  test(`a 2,000-node chain of ${layers} layers opens, shows its formula and trains a few steps in the worker`, async ({ page }) => {
    test.setTimeout(240_000);
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`page: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    await openApp(page);
    const t0 = Date.now();
    const mark = (what: string) => console.log(`deep ${layers} chain: ${what} after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const graph = deepChainGraph({ layers });
    const text = JSON.stringify(graph);
    await page.getByTestId('open-file-input').setInputFiles({ name: 'deep-chain.json', mimeType: 'application/json', buffer: Buffer.from(text, 'utf8') });

    await expect(page.getByTestId('doc-title')).toHaveValue(/Deep chain \(2000 nodes\)/, { timeout: 60_000 });
    await expect(page.getByTestId('file-error')).toHaveCount(0);
    // React Flow renders what is in view; the first layers are near the data node.
    await expect(page.getByTestId('node-layer0')).toBeAttached({ timeout: 60_000 });
    const formula = page.getByTestId('objective-formula');
    await expect(formula).toBeVisible();
    await expect(formula).toContainText(inFormula);
    await expect(formula.locator('.katex-error')).toHaveCount(0);
    mark('opened and rendered');

    await page.getByTestId('backend-choice').selectOption('wasm');
    await page.getByTestId('train-field-epochs').fill('1');
    await page.getByTestId('train-button').click();
    await expect(page.getByTestId('progress-label')).toHaveAttribute('data-status', /running|finished/, { timeout: 120_000 });
    mark('training started');
    await expect(page.getByTestId('final-summary')).toBeVisible({ timeout: 180_000 });
    await expect(page.getByTestId('train-error')).toHaveCount(0);
    mark('training finished');
    expect(problems.filter((p) => /call stack|too much recursion/i.test(p))).toEqual([]);
    expect(problems.filter((p) => p.startsWith('page:'))).toEqual([]);
  });
}
