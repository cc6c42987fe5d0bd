// Stop works in every phase, and a diverged run says where and what it kept.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { readFileSync } from 'node:fs';
import { parseGraphText } from '../graph/parse';
import type { GraphDoc } from '../graph/document';
import { useNodeBackend } from '../cli/nodeBackend';
import { nodeLoaders as loaders } from '../cli/nodeLoaders';
import { DivergedError, runTraining } from './run';
import { RunControl } from './control';
import { calibrateBackends } from './calibrate';
import { MemoryLimitError } from './memoryCheck';
import type { BackendInfo, BackendName, TrainEvent } from './protocol';

let backend: BackendInfo;
beforeAll(async () => {
  backend = await useNodeBackend('wasm');
});

function graph(name: string, edit?: (doc: GraphDoc) => void): GraphDoc {
  const r = parseGraphText(readFileSync(`graphs/${name}.json`, 'utf8'), name);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  edit?.(r.doc);
  return r.doc;
}

/** The linear VAE with a ReLU decoder: no exact likelihood, so the held-out NLL is importance-sampled. */
const nonlinearVae = (evalSamples: number) =>
  graph('linear-vae', (d) => {
    const dec = d.nodes.find((n) => n.id === 'dec')!;
    dec.kind = 'dense';
    dec.params = { units: 'data', activation: 'relu' };
    d.training.evalSamples = evalSamples;
  });

describe('Stop', () => {
  it('during the held-out evaluation (K = 100,000): the run ends within a second, as stopped, saying the NLL was cut short', async () => {
    const control = new RunControl();
    const events: TrainEvent[] = [];
    let stoppedAt = 0;
    const run = runTraining({
      loaders,
      doc: nonlinearVae(100_000),
      backend,
      control,
      settings: { epochs: 1, batchSize: 100 },
      onEvent: (e) => {
        events.push(e);
        // The last epoch is recorded: what follows is the final evaluation, minutes of work.
        if (e.type === 'epoch') setTimeout(() => ((stoppedAt = performance.now()), control.stop()), 300);
      },
    });
    const r = await run;
    const took = performance.now() - stoppedAt;
    expect(stoppedAt).toBeGreaterThan(0);
    expect(took).toBeLessThan(1000);
    expect(r.stopped).toBe(true);
    expect(r.history).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({ type: 'done', reason: 'stopped' });
    expect(r.final.testNllMethod).toMatch(/stopped/);
  });

  it('during calibration: the remaining backends are not measured and the run ends as stopped, before any step', async () => {
    const control = new RunControl();
    const events: TrainEvent[] = [];
    const measured: string[] = [];
    const r = await runTraining({
      loaders,
      doc: graph('ppca'),
      control,
      onEvent: (e) => events.push(e),
      backend: async ({ doc, train, control: c }) => {
        const cal = await calibrateBackends({
          doc,
          train,
          candidates: ['wasm', 'cpu'],
          shouldStop: () => !!c?.stopped,
          setBackend: async (name: BackendName) => {
            measured.push(name);
            if (name === 'wasm') control.stop(); // Stop pressed while wasm is measured
            return tf.setBackend(name);
          },
        });
        expect(cal.stopped).toBe(true);
        // wasm was cut short mid-probe and cpu, the next candidate, never started.
        expect(cal.trials).toEqual([]);
        return { name: cal.chosen, reason: cal.reason };
      },
    });
    expect(measured.filter((n) => n === 'wasm')).toHaveLength(1);
    expect(r.stopped).toBe(true);
    expect(r.history).toEqual([]);
    expect(events.map((e) => e.type)).toEqual(['done']);
    expect(events[0]).toMatchObject({ reason: 'stopped' });
    await useNodeBackend('wasm');
  });
});

describe('a diverged run', () => {
  it('carries where it diverged, which epoch it restored and what it measured before; the error event has the same', async () => {
    const events: TrainEvent[] = [];
    const error = await runTraining({ loaders, doc: graph('ppca'), backend, onEvent: (e) => events.push(e), settings: { epochs: 30, learningRate: 3, optimizer: 'sgd', batchSize: 1000 } }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DivergedError);
    const d = error as DivergedError;
    expect(d.info.epoch).toBeGreaterThan(1);
    expect(d.info.restoredEpoch).toBe(d.info.epoch - 1);
    expect(d.info.restoredTo).toBe(`the end of epoch ${d.info.restoredEpoch}`);
    expect(d.history.map((h) => h.epoch)).toEqual(Array.from({ length: d.info.restoredEpoch }, (_, i) => i + 1));
    expect(d.history.every((h) => Number.isFinite(h.trainLoss) && Number.isFinite(h.testLoss))).toBe(true);
    const errorEvents = events.filter((e) => e.type === 'error');
    expect(errorEvents).toHaveLength(1);
    expect(errorEvents[0]).toEqual({ type: 'error', message: d.message, diverged: d.info });
  });

  it('that diverges at once restores the start of training (epoch 0)', async () => {
    const d = (await runTraining({ loaders, doc: graph('ppca'), backend, settings: { epochs: 5, learningRate: 10, optimizer: 'sgd', batchSize: 1000 } }).catch((e: unknown) => e)) as DivergedError;
    expect(d).toBeInstanceOf(DivergedError);
    expect(d.info).toMatchObject({ epoch: 1, restoredEpoch: 0, restoredTo: 'the start of training' });
    expect(d.history).toEqual([]);
  });
});

describe('the memory refusal at the start of a run', () => {
  it('refuses before anything is compiled or calibrated, naming the sampler', async () => {
    const huge = graph('linear-vae', (d) => {
      d.nodes.find((n) => n.id === 'sampler')!.params.samples = 10_000;
      d.training.batchSize = 65_536;
      d.nodes.find((n) => n.id === 'data')!.params.n = 100_000;
    });
    let calibrated = false;
    const before = tf.memory().numTensors;
    const error = await runTraining({
      loaders,
      doc: huge,
      backend: async () => ((calibrated = true), backend),
      memoryBudget: { bytes: 2 ** 30, where: 'the test allows' },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MemoryLimitError);
    expect((error as MemoryLimitError).message).toMatch(/^This model would need about [\d.]+ GB of memory for its training step, more than the 1\.0 GB the test allows\. Lower the batch size \(65,536\), the samples J of ".+" \(10,000\) or the layer widths of ".+"\.$/);
    expect((error as MemoryLimitError).nodeId).toBe('sampler');
    expect(calibrated).toBe(false);
    expect(tf.memory().numTensors).toBe(before);
  });
});
