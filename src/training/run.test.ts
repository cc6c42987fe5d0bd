import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { readFileSync } from 'node:fs';
import { parseGraphText } from '../graph/parse';
import type { GraphDoc } from '../graph/document';
import { useNodeBackend } from '../cli/nodeBackend';
import { nodeLoaders as loaders } from '../cli/nodeLoaders';
import { compileGraph } from '../compiler/compile';
import { DivergedError, runTraining } from './run';
import { readWeights } from './weights';
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

describe('control and recovery', () => {
  it('runs exactly one step per single-step request while paused, and reports pause and resume', async () => {
    const control = new RunControl();
    control.pause();
    const events: TrainEvent[] = [];
    let stepsSeen = 0;
    const done = runTraining({
      loaders,
      doc: ppca(),
      backend,
      control,
      progressEveryMs: 0,
      settings: { epochs: 1, batchSize: 100 },
      onEvent: (e) => {
        events.push(e);
        if (e.type === 'progress') stepsSeen++;
      },
    });
    const settle = () => new Promise((r) => setTimeout(r, 50));
    await settle();
    expect(stepsSeen).toBe(0);
    expect(events.some((e) => e.type === 'paused')).toBe(true);
    for (let i = 1; i <= 3; i++) {
      control.stepOnce();
      await settle();
      expect(stepsSeen).toBe(i);
    }
    control.resume();
    const r = await done;
    expect(events.some((e) => e.type === 'resumed')).toBe(true);
    expect(stepsSeen).toBe(8); // 800 training rows in batches of 100
    expect(r.stopped).toBe(false);
  });

  it('stops a diverging run, names the likely cause and restores the last good weights', async () => {
    const error = await runTraining({
      loaders,
      doc: ppca(),
      backend,
      keepModel: true,
      settings: { epochs: 50, learningRate: 1e6, optimizer: 'sgd', batchSize: 100000 },
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DivergedError);
    const diverged = error as DivergedError;
    expect(diverged.message).toMatch(/Training diverged: .*restored to .*learning rate too high/);
    const restored = await readWeights(diverged.session!.trainer.model.variables);
    expect(restored.variables.every((v) => v.data.every(Number.isFinite))).toBe(true);
    // The restored model still evaluates to a finite loss.
    expect(Number.isFinite(await diverged.session!.trainer.evaluate(diverged.session!.data.test, 1))).toBe(true);
    diverged.session!.dispose();
  });

  it('starts from saved weights, and refuses weights that do not fit', async () => {
    const first = await runTraining({ loaders, doc: ppca(), backend, keepModel: true, settings: { epochs: 150, batchSize: 100000, learningRate: 0.1 } });
    const saved = await readWeights(first.session!.trainer.model.variables);
    first.session!.dispose();
    const resumed = await runTraining({ loaders, doc: ppca(), backend, initialWeights: saved, settings: { epochs: 1, batchSize: 100000, learningRate: 1e-9 } });
    expect(resumed.history[0].trainLoss).toBeCloseTo(first.history[149].trainLoss, 1);
    const wrong = { variables: saved.variables.map((v) => ({ ...v, shape: [...v.shape].reverse() })) };
    await expect(runTraining({ loaders, doc: ppca(), backend, initialWeights: wrong, settings: { epochs: 1 } })).rejects.toThrow(/do not fit this graph/);
  });
});
