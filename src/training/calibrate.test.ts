import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import '#tf-gradients';
import { readFileSync } from 'node:fs';
import { parseGraphText } from '../graph/parse';
import { useNodeBackend } from '../cli/nodeBackend';
import { nodeLoaders } from '../cli/nodeLoaders';
import { loadRunData } from './runData';
import { calibrateBackends } from './calibrate';
import type { BackendName } from './protocol';

const doc = (() => {
  const r = parseGraphText(readFileSync('graphs/ppca.json', 'utf8'));
  if (!r.ok) throw new Error(r.errors.join());
  return r.doc;
})();

beforeAll(async () => {
  await useNodeBackend('wasm');
  // A backend that computes everything like cpu except one kernel, which is wrong: the kind
  // of fault seen with software WebGPU. Calibration must refuse it however fast it is.
  tf.registerBackend('broken', () => new MathBackendCPU());
  for (const k of tf.getKernelsForBackend('cpu')) tf.registerKernel({ ...k, backendName: 'broken' });
  tf.unregisterKernel('Square', 'broken');
  tf.registerKernel({ kernelName: 'Square', backendName: 'broken', kernelFunc: ({ inputs, backend }) => (backend as MathBackendCPU).makeTensorInfo((inputs.x as tf.TensorInfo).shape, 'float32', new Float32Array(tf.util.sizeFromShape((inputs.x as tf.TensorInfo).shape))) });
});

describe('calibrateBackends', () => {
  it('times the real model on each backend, checks numbers against cpu and keeps the fastest correct one', async () => {
    const { train } = await loadRunData(doc, doc.training, nodeLoaders);
    const setBackend = (name: BackendName) => tf.setBackend(name);
    const c = await calibrateBackends({ doc, train, candidates: ['wasm', 'cpu', 'broken' as BackendName], setBackend });
    const byName = Object.fromEntries(c.trials.map((t) => [t.name, t]));
    expect(byName.wasm.ok).toBe(true);
    expect(byName.wasm.relError!).toBeLessThan(1e-3);
    expect(byName.broken.ok).toBe(false);
    expect(byName.broken.problem).toMatch(/differs from cpu/);
    expect(c.chosen).toBe(byName.wasm.samplesPerSec >= byName.cpu.samplesPerSec ? 'wasm' : 'cpu');
    expect(tf.getBackend()).toBe(c.chosen);
    expect(c.reason).toMatch(/broken rejected/);
  });

  it('uses cpu only as the reference when it is not a candidate', async () => {
    const { train } = await loadRunData(doc, doc.training, nodeLoaders);
    const c = await calibrateBackends({ doc, train, candidates: ['wasm'], setBackend: (name: BackendName) => tf.setBackend(name) });
    expect(c.trials.map((t) => t.name)).toEqual(['wasm']);
    expect(c.chosen).toBe('wasm');
  });

  it('lists backends it was told not to measure, with why, and never picks them', async () => {
    const { train } = await loadRunData(doc, doc.training, nodeLoaders);
    const c = await calibrateBackends({ doc, train, candidates: ['wasm'], skipped: [{ name: 'webgl', problem: 'software renderer, slower than wasm' }], setBackend: (name: BackendName) => tf.setBackend(name) });
    expect(c.trials.map((t) => [t.name, t.ok])).toEqual([
      ['webgl', false],
      ['wasm', true],
    ]);
    expect(c.chosen).toBe('wasm');
    expect(c.reason).toMatch(/webgl not measured \(software renderer, slower than wasm\)/);
  });
});

describe('calibration time bounds', () => {
  beforeAll(() => {
    // Like cpu, but each Square takes 300 ms (a pass has several): a backend far too slow for this model.
    tf.registerBackend('slow', () => new MathBackendCPU());
    for (const k of tf.getKernelsForBackend('cpu')) tf.registerKernel({ ...k, backendName: 'slow' });
    const square = tf.getKernel('Square', 'cpu')!;
    tf.unregisterKernel('Square', 'slow');
    tf.registerKernel({
      kernelName: 'Square',
      backendName: 'slow',
      kernelFunc: (args) => {
        const until = performance.now() + 300;
        while (performance.now() < until) {
          /* busy, as a synchronous kernel is */
        }
        return square.kernelFunc(args);
      },
    });
  });

  it('names a backend over its share of the time as too slow instead of waiting for it', async () => {
    const { train } = await loadRunData(doc, doc.training, nodeLoaders);
    const t0 = performance.now();
    const c = await calibrateBackends({ doc, train, candidates: ['slow' as BackendName, 'wasm'], setBackend: (name: BackendName) => tf.setBackend(name), limits: { perBackendMs: 1000, totalMs: 20_000 } });
    const byName = Object.fromEntries(c.trials.map((t) => [t.name, t]));
    expect(byName.slow.ok).toBe(false);
    expect(byName.slow.problem).toMatch(/^too slow: .* took longer than the 1 s a backend is given$/);
    expect(byName.wasm.ok).toBe(true);
    expect(c.chosen).toBe('wasm');
    expect(c.reason).toMatch(/slow rejected \(too slow/);
    // Its pass, warm-up and 3 timed steps would take five times one pass: it gave up after the first.
    const onePass = 5 * 300;
    expect(performance.now() - t0).toBeLessThan(onePass + 3000);
  });

  it('does not start a backend once the total time is used up, and says so', async () => {
    const { train } = await loadRunData(doc, doc.training, nodeLoaders);
    const c = await calibrateBackends({ doc, train, candidates: ['slow' as BackendName, 'wasm'], setBackend: (name: BackendName) => tf.setBackend(name), limits: { perBackendMs: 5000, totalMs: 1500 } });
    const byName = Object.fromEntries(c.trials.map((t) => [t.name, t]));
    expect(byName.slow.problem).toMatch(/too slow/);
    expect(byName.wasm.problem).toBe('calibration used up its 1.5 s before this backend');
    expect(c.reason).toMatch(/wasm not measured \(calibration used up its 1\.5 s before this backend\)/);
    expect(c.chosen).toBe('cpu');
  });

  it('returns at once, marked stopped, when the run is stopped', async () => {
    const { train } = await loadRunData(doc, doc.training, nodeLoaders);
    const c = await calibrateBackends({ doc, train, candidates: ['slow' as BackendName, 'wasm'], setBackend: (name: BackendName) => tf.setBackend(name), shouldStop: () => true });
    expect(c.stopped).toBe(true);
    expect(c.trials).toEqual([]);
    await useNodeBackend('wasm');
  });
});
