// This project's WGSL kernels (src/kernels/webgpu) on the webgpu backend, in a real Web
// Worker of Debian's Chromium with WebGPU switched on (software adapter, SwiftShader: right
// for numbers, meaningless for speed, so nothing here is timed). The check page compares,
// on webgpu: each kernel against stock tfjs on cpu on awkward shapes, and graphs/vae.json's
// loss, every gradient and one Adam step, fused on webgpu against stock tfjs on cpu, and six
// steps of the WGSL Adam against tf.train.adam on cpu — all to
// 1e-4 relative, every read asynchronous (a synchronous read on webgpu in a worker returns
// zeros under SwiftShader, which would make any comparison pass). WebGPU must start
// under these flags and the WGSL programs must have run, so the check cannot pass by skipping.
import { expect, test } from '@playwright/test';
import type { BenchState } from '../../src/bench/browser/protocol';
import { serveCheckPage } from './checkPage';
import config from '../../playwright.config';

const PORT = 5197;

// The config's Chromium and flags, plus WebGPU (behind --enable-unsafe-webgpu on Linux; it
// then finds SwiftShader's Vulkan adapter by itself, no other flag needed).
const launch = config.use!.launchOptions!;
test.use({ launchOptions: { ...launch, args: [...(launch.args ?? []), '--enable-unsafe-webgpu'] } });

serveCheckPage(PORT);

test('WGSL kernels on webgpu = stock tfjs on cpu (each kernel; VAE loss, gradients, Adam: 1e-4)', async ({ page }) => {
  test.setTimeout(420_000);
  await page.goto(`http://127.0.0.1:${PORT}/bench.html?mode=check&backends=webgpu`);
  await expect.poll(() => page.evaluate(() => (window as unknown as { __bench: BenchState }).__bench.done), { timeout: 380_000, intervals: [2000] }).toBe(true);
  const state = await page.evaluate(() => (window as unknown as { __bench: BenchState }).__bench);
  expect(state.error).toBeUndefined();
  const [c] = state.checks!;
  expect(c.backend).toBe('webgpu');
  // WebGPU started (no silent skip) and the fused ops ran on it.
  expect(c.problem, 'webgpu must start under --enable-unsafe-webgpu').toBeUndefined();
  const gpu = c.gpu!;
  expect(gpu, 'the webgpu checks ran').toBeDefined();
  expect(gpu.fusedOps).toBe(true);

  // Each kernel against cpu, and each dispatched WGSL programs.
  const names = gpu.ops.map((o) => o.name);
  for (const k of ['gemm 3×5×7 none', 'gemm 129×17×33 Aᵀ Bᵀ bias+relu', 'gemm 128×784×400 Bᵀ none', 'denseBackward 129×33 relu', 'denseBackward 3×7', 'bernoulli S=1 B=3 D=7 x[1]', 'bernoulli S=5 B=17 D=33 x[1]', 'bernoulli S=5 B=4 D=9 x[5]', 'bernoulli S=700 B=100 D=3 x[1]', 'denseBackward 3×70001 relu']) {
    expect(names).toContain(k);
  }
  expect(gpu.ops.length).toBeGreaterThanOrEqual(40);
  for (const o of gpu.ops) {
    expect(o.dispatches, `${o.name}: WGSL programs run`).toBeGreaterThan(0);
    for (const e of o.relErr) expect(e, o.name).toBeLessThan(1e-4);
  }
  const worstOp = Math.max(...gpu.ops.flatMap((o) => o.relErr));
  console.log(`webgpu: ${gpu.ops.length} kernel cases, worst ${worstOp.toExponential(1)} relative to cpu`);

  // graphs/vae.json fused on webgpu against stock tfjs on cpu.
  const m = gpu.model;
  console.log(`webgpu vs cpu: loss ${m.loss.toFixed(3)} rel ${m.lossRelErr.toExponential(1)}; worst gradient ${Math.max(...Object.values(m.gradRelErr)).toExponential(1)}; worst Adam update ${Math.max(...Object.values(m.adamRelErr)).toExponential(1)}; ${m.dispatches} WGSL dispatches`);
  // Forward: 5 products and the Bernoulli log-probability; backward: the Bernoulli gradient
  // (2 programs), 5 dense backwards (7: relu′ on the two relu layers), 9 products (the first
  // layer needs no input gradient); then Adam, 3 programs for each of the 10 variables.
  expect(m.dispatches).toBe(5 + 1 + 2 + 7 + 9 + 30);
  expect(m.zeroGradients).toEqual([]);
  expect(Object.keys(m.gradRelErr)).toHaveLength(10);
  expect(m.optimizer, 'Adam on webgpu is the WGSL kernel').toBe('FusedAdam');
  expect(m.lossRelErr, 'loss').toBeLessThan(1e-4);
  for (const [name, err] of Object.entries(m.gradRelErr)) expect(err, `gradient ${name}`).toBeLessThan(1e-4);
  for (const [name, err] of Object.entries(m.adamRelErr)) expect(err, `Adam update ${name}`).toBeLessThan(1e-4);

  // The project's Adam on webgpu (FusedAdam: the WGSL kernel, moments as GPU tensors), six
  // steps of compareAdam's problem, against tf.train.adam on cpu; no tensor left per step.
  const adam = gpu.adam;
  console.log(`webgpu Adam: ${adam.optimizer}, update rel ${Math.max(...adam.updateRelErr).toExponential(1)} vs cpu, ${adam.dispatches} WGSL dispatches`);
  expect(adam.optimizer).toBe('FusedAdam');
  expect(adam.dispatches, '3 programs per variable per step').toBe(3 * 2 * 6);
  for (const e of adam.updateRelErr) expect(e, 'Adam update').toBeLessThan(1e-4);
  for (const mv of adam.moved) expect(mv).toBeGreaterThan(1e-3);
  expect(adam.leakedPerStep).toBe(0);

});
