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
