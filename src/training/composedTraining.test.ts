// Training a graph of several objectives (DReG from parts: an encoder surrogate and the IWAE
// objective for the decoder) end to end: a run, and the backend calibration that precedes it.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '#tf-gradients';
import { useNodeBackend } from '../cli/nodeBackend';
import { nodeLoaders as loaders } from '../cli/nodeLoaders';
import type { GraphDoc } from '../graph/document';
import type { BackendInfo, BackendName } from './protocol';
import { partsGraph, withDenseDecoder } from '../testing/partsGraphs';
import { runTraining } from './run';
import { loadRunData } from './runData';
import { calibrateBackends } from './calibrate';

let backend: BackendInfo;
beforeAll(async () => {
  backend = await useNodeBackend('wasm');
});

function dreg(): GraphDoc {
  const doc = withDenseDecoder(partsGraph('dreg', 4));
  doc.nodes.find((n) => n.id === 'data')!.params.n = 300;
  return doc;
}

describe('DReG from parts', () => {
  it('trains for two epochs with finite losses and an importance-sampled held-out NLL', async () => {
    const before = tf.memory().numTensors;
    const r = await runTraining({ loaders, doc: dreg(), backend, settings: { epochs: 2, batchSize: 32, learningRate: 0.01, evalSamples: 50 } });
    expect(r.history).toHaveLength(2);
    for (const h of r.history) {
      expect(Number.isFinite(h.trainLoss)).toBe(true);
      expect(Number.isFinite(h.testLoss)).toBe(true);
    }
    expect(Number.isFinite(r.final.testNll)).toBe(true);
    expect(r.final.testNllMethod).toBe('importance sampling, K = 50, proposal q(z|x) from the graph');
    expect(tf.memory().numTensors).toBe(before);
  });

  it('is calibrated on its real training step: numbers agree between backends', async () => {
    const doc = dreg();
    const { train } = await loadRunData(doc, doc.training, loaders);
    const c = await calibrateBackends({ doc, train, candidates: ['wasm', 'cpu'], setBackend: (name: BackendName) => tf.setBackend(name) });
    for (const t of c.trials) {
      expect(t.ok, t.problem).toBe(true);
      expect(t.samplesPerSec).toBeGreaterThan(0);
      expect(t.relError!).toBeLessThan(1e-3);
    }
    expect(['wasm', 'cpu']).toContain(c.chosen);
    await tf.setBackend('wasm');
  });
});
