import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { readFileSync } from 'node:fs';
import { parseGraphText } from '../graph/parse';
import type { GraphDoc } from '../graph/document';
import { useNodeBackend } from '../cli/nodeBackend';
import { nodeLoaders as loaders } from '../cli/nodeLoaders';
import { compileGraph } from '../compiler/compile';
import { runTraining } from './run';
import { RunControl } from './control';
import { Trainer, makeOptimizer } from './trainer';
import { loadRunData } from './runData';
import { rows } from '../data/dataset';
import type { BackendInfo, TrainEvent } from './protocol';

let backend: BackendInfo;
beforeAll(async () => {
  backend = await useNodeBackend('wasm');
});

function ppca(): GraphDoc {
  const r = parseGraphText(readFileSync('graphs/ppca.json', 'utf8'), 'ppca.json');
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.doc;
}

describe('PPCA by gradient descent', () => {
  it('reaches the eigendecomposition optimum within 1e-3 relative, and finds its subspace', async () => {
    const doc = ppca();
    const events: TrainEvent[] = [];
    const r = await runTraining({ loaders, doc, backend, onEvent: (e) => events.push(e), settings: { epochs: 400, learningRate: 0.1, batchSize: 100000 } });
    expect(r.closedForm).toBeDefined();
    const rel = (r.final.trainLoss - r.closedForm!.trainNll) / r.closedForm!.trainNll;
    // The closed form is the maximum: gradient descent may approach it, never beat it by more than float noise.
    expect(rel).toBeGreaterThan(-1e-4);
    expect(rel).toBeLessThan(1e-3);
    expect(Math.abs(r.final.testNll - r.closedForm!.testNll) / r.closedForm!.testNll).toBeLessThan(2e-3);
    expect(r.final.subspaceAngleDeg!).toBeLessThan(1);
    expect(r.final.sigma2! / r.closedForm!.sigma2).toBeCloseTo(1, 2);
    // The history is real: it falls from far above the optimum.
    expect(r.history[0].trainLoss).toBeGreaterThan(r.closedForm!.trainNll + 1);
    expect(events[0].type).toBe('started');
    expect(events.filter((e) => e.type === 'epoch')).toHaveLength(400);
    expect(events.at(-1)!.type).toBe('done');
  });

  it('gives the same numbers for the same seed, and other numbers for another seed', async () => {
    const settings = { epochs: 3, batchSize: 64 };
    const a = await runTraining({ loaders, doc: ppca(), backend, settings });
    const b = await runTraining({ loaders, doc: ppca(), backend, settings });
    const c = await runTraining({ loaders, doc: ppca(), backend, settings: { ...settings, seed: 99 } });
    expect(b.history).toEqual(a.history);
    expect(c.history[2].trainLoss).not.toEqual(a.history[2].trainLoss);
  });

  it('stops within one step when asked', async () => {
    const control = new RunControl();
    let steps = 0;
    const r = await runTraining({
      loaders,
      doc: ppca(),
      backend,
      control,
      settings: { epochs: 50, batchSize: 8 },
      progressEveryMs: 0,
      onEvent: (e) => {
        if (e.type === 'progress' && ++steps === 5) control.stop();
      },
    });
    expect(r.stopped).toBe(true);
    expect(steps).toBe(5);
  });
});

describe('memory', () => {
  it('keeps tf.memory().numTensors flat over 200 training steps', async () => {
    const doc = ppca();
    const { train } = await loadRunData(doc, doc.training, loaders);
    const model = compileGraph(doc, { dataDim: train.d, seed: 1 });
    const trainer = new Trainer(model, makeOptimizer({ optimizer: 'adam', learningRate: 0.01 }));
    const idx = Array.from({ length: 64 }, (_, i) => i);
    const step = (i: number) => {
      const x = tf.tensor2d(rows(train, idx), [64, train.d]);
      trainer.step(x, i).dispose();
      x.dispose();
    };
    step(0); // Adam creates its slots on the first step.
    const before = tf.memory().numTensors;
    for (let i = 1; i <= 200; i++) step(i);
    expect(tf.memory().numTensors).toBe(before);
    await trainer.evaluate(train, 1);
    expect(tf.memory().numTensors).toBe(before);
    trainer.dispose();
    model.dispose();
  });

  it('releases everything after a whole run', async () => {
    const before = tf.memory().numTensors;
    await runTraining({ loaders, doc: ppca(), backend, settings: { epochs: 2 } });
    expect(tf.memory().numTensors).toBe(before);
  });
});
