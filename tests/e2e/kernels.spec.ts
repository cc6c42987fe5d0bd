// The dense layers' own gradient against plain tfjs autodiff in the browser, inside a real
// Web Worker, on every backend the browser starts: the same negative ELBO and the same
// gradient for all ten weights of graphs/vae.json, to 1e-4 relative (Node: stockVae.test.ts).
import { expect, test } from '@playwright/test';
import type { BenchState } from '../../src/bench/browser/protocol';
import { serveCheckPage } from './checkPage';

const PORT = 5198;

serveCheckPage(PORT);

test('dense path and Adam = plain tfjs in a browser worker on wasm, webgl and cpu (loss, gradients, updates: 1e-4)', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto(`http://127.0.0.1:${PORT}/bench.html?mode=check&backends=wasm,webgl,cpu`);
  await expect.poll(() => page.evaluate(() => (window as unknown as { __bench: BenchState }).__bench.done), { timeout: 200_000 }).toBe(true);
  const state = await page.evaluate(() => (window as unknown as { __bench: BenchState }).__bench);
  expect(state.error).toBeUndefined();
  const checks = state.checks!;
  expect(checks.map((c) => c.backend)).toEqual(['wasm', 'webgl', 'cpu']);
  for (const c of checks) {
    // wasm and cpu always start; webgl does here (SwiftShader), and is checked when it does.
    if (!c.comparison) {
      expect(c.backend, `${c.backend}: ${c.problem}`).toBe('webgl');
      continue;
    }
    console.log(`${c.backend}: loss ${c.comparison.loss.toFixed(3)} rel ${c.comparison.lossRelErr.toExponential(1)}; worst gradient ${Math.max(...Object.values(c.comparison.gradRelErr)).toExponential(1)}`);
    expect(c.comparison.zeroGradients).toEqual([]);
    // wasm and cpu run this project's kernels (products, Adam); webgl runs stock tfjs ops.
    expect(c.comparison.fastKernels, c.backend).toBe(c.backend !== 'webgl');
    // On them the first layer's forward and weight gradient run from MNIST's nonzero pixels.
    expect(c.comparison.sparseProducts, c.backend).toBe(c.backend === 'webgl' ? 0 : 2);
    // …on every core (the page is cross-origin isolated; this machine has at least two).
    expect(c.kernelThreads, 'kernel threads').toBeGreaterThanOrEqual(2);
    // The optimizer: one fused Adam kernel per variable on wasm and cpu, tfjs's Adam on webgl.
    const adam = c.adam!;
    expect(adam.optimizer, c.backend).toBe(c.backend === 'webgl' ? 'AdamOptimizer' : 'FusedAdam');
    for (const e of adam.updateRelErr) expect(e, `${c.backend} Adam update`).toBeLessThan(1e-4);
    for (const m of adam.moved) expect(m).toBeGreaterThan(1e-3);
    expect(adam.leakedPerStep).toBe(0);
    expect(c.comparison.lossRelErr, `${c.backend} loss`).toBeLessThan(1e-4);
    for (const [name, err] of Object.entries(c.comparison.gradRelErr)) expect(err, `${c.backend} ${name}`).toBeLessThan(1e-4);
  }
  expect(checks.filter((c) => c.comparison).length).toBeGreaterThanOrEqual(2);
});
