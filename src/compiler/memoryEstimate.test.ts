import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseGraphText } from '../graph/parse';
import type { GraphDoc } from '../graph/document';
import { analyzeGraph } from './analyze';
import { estimateMemory, evalBatchSize, formatBytes, memoryRefusal, parseByteSize } from './memoryEstimate';
import { browserMemoryBudget } from '../training/memoryCheck';

function graph(name: string, edit?: (doc: GraphDoc) => void): GraphDoc {
  const r = parseGraphText(readFileSync(`graphs/${name}.json`, 'utf8'), name);
  if (!r.ok) throw new Error(r.errors.join());
  edit?.(r.doc);
  return r.doc;
}

const estimate = (doc: GraphDoc, nTest?: number) => estimateMemory({ doc, analysis: analyzeGraph(doc), settings: doc.training, nTest });

describe('estimateMemory against hand counts', () => {
  it('the reference VAE (784-400-20, Bernoulli, batch 128, K = 500)', () => {
    const est = estimate(graph('vae'), 1000);
    // Values per example: x 784, enc 400, encMean 20, encLogvar 20, q 2×20, prior 2×20,
    // z 20, dec 784 + its hidden 400, Bernoulli 2×784 = 4,076.
    // Parameters: enc 785×400, encMean and encLogvar 401×20 each, dec 21×400 + 401×784 = 652,824.
    const params = 652_824;
    const paramBytes = params * 5 * 4; // Adam: weights, gradients, two moments; and the checkpoint
    expect(est.paramBytes).toBe(paramBytes);
    expect(est.trainStepBytes).toBe((3 * 128 * 4076 + 128 * 784) * 4 + paramBytes);
    expect(est.evalBytes).toBe((1000 * 4076 + 1000 * 784) * 4 + paramBytes);
    // NLL: ⌊20,000 / 500⌋ = 40 examples, 50 samples at a time through z, dec and the likelihood.
    expect(est.nllBytes).toBe((40 * (1304 + 50 * (20 + 1184 + 1568)) + 40 * 784) * 4 + paramBytes);
    expect(est.phase).toBe('held-out NLL');
    expect(est.bytes).toBe(est.nllBytes);
    expect(est.bytes).toBeGreaterThan(30e6);
    expect(est.bytes).toBeLessThan(40e6);
  });

  it('PPCA with SGD counts two copies of the weights plus the checkpoint; batch and test rows cap the batches', () => {
    const doc = graph('ppca', (d) => (d.training.optimizer = 'sgd'));
    const est = estimateMemory({ doc, analysis: analyzeGraph(doc), settings: doc.training, nTrain: 800, nTest: 200 });
    // x 10, prior 2×2, z 2, decoder 10, likelihood 2×10 = 46 per example; decoder 3×10 weights.
    expect(est.paramBytes).toBe(30 * 3 * 4);
    expect(est.trainStepBytes).toBe((3 * 800 * 46 + 800 * 10) * 4 + 30 * 3 * 4);
    expect(est.evalBytes).toBe((200 * 46 + 200 * 10) * 4 + 30 * 3 * 4);
  });

  it('samples J multiply everything downstream of the sampler and name it', () => {
    const one = estimate(graph('importance-sampling'));
    const many = estimate(graph('importance-sampling', (d) => (d.nodes.find((n) => n.id === 'sampler')!.params.samples = 500)));
    expect(many.trainStepBytes).toBeGreaterThan(50 * one.trainStepBytes);
    expect(many.sampleSource).toMatchObject({ nodeId: 'sampler', samples: 500 });
  });
});

describe('the held-out evaluation batch', () => {
  it('holds 1,000 sample rows, so J = 10,000 does not make evaluation a thousand times larger than training', () => {
    expect(evalBatchSize(1)).toBe(1000);
    expect(evalBatchSize(5)).toBe(200);
    expect(evalBatchSize(10_000)).toBe(1);
    const doc = graph('importance-sampling', (d) => (d.nodes.find((n) => n.id === 'sampler')!.params.samples = 10_000));
    const est = estimate(doc, 1000);
    expect(est.evalBytes).toBeLessThan(est.trainStepBytes);
  });
});

describe('memoryRefusal', () => {
  const huge = graph('importance-sampling', (d) => {
    d.nodes.find((n) => n.id === 'sampler')!.params.samples = 10_000;
    d.training.batchSize = 65_536;
  });

  it('refuses a huge batch × samples with a sentence naming the batch size, the sampler and a layer node', () => {
    const r = memoryRefusal(estimate(huge), huge.training, 2 * 2 ** 30, 'the browser may use here');
    expect(r).toBeDefined();
    expect(r!.message).toMatch(/^This model would need about [\d.]+ TB of memory for its training step, more than the 2\.0 GB the browser may use here\. Lower the batch size \(65,536\), the samples J of ".*" \(10,000\) or the layer widths of "Decoder f\(z\)"\.$/);
    expect(r!.nodeId).toBe('sampler');
  });

  it('refuses wide layers on a big batch, naming the widest layer node', () => {
    const wide = graph('vae', (d) => {
      d.nodes.find((n) => n.id === 'dec')!.params.hidden = [8192, 8192, 8192];
      d.training.batchSize = 65_536;
    });
    const r = memoryRefusal(estimate(wide), wide.training, 4 * 2 ** 30, '--memory-limit 4GB allows');
    expect(r!.message).toMatch(/more than the 4\.0 GB --memory-limit 4GB allows\. Lower the batch size \(65,536\) or the layer widths of "(Decoder.*|dec)"\.$/);
  });

  it('lets the lecture graphs through a 2 GB budget', () => {
    for (const name of ['ppca', 'vae', 'vae-2d', 'importance-sampling', 'mc-prior', 'autoencoder', 'linear-vae']) {
      const doc = graph(name);
      expect(memoryRefusal(estimate(doc), doc.training, 2 * 2 ** 30, 'here'), name).toBeUndefined();
    }
  });
});

describe('sizes', () => {
  it('parses sizes in binary units and refuses what is not one', () => {
    expect(parseByteSize('4GB')).toBe(4 * 2 ** 30);
    expect(parseByteSize('512 mb')).toBe(512 * 2 ** 20);
    expect(parseByteSize('2.5G')).toBe(2.5 * 2 ** 30);
    expect(parseByteSize('1e9')).toBe(1e9);
    for (const bad of ['', 'GB', '-1GB', '4XB', '0', 'four']) expect(parseByteSize(bad), bad).toBeUndefined();
  });

  it('formats bytes as a person reads them', () => {
    expect(formatBytes(512)).toBe('512 bytes');
    expect(formatBytes(1.5 * 2 ** 20)).toBe('1.5 MB');
    expect(formatBytes(2 * 2 ** 30)).toBe('2.0 GB');
    expect(formatBytes(300 * 2 ** 30)).toBe('300 GB');
  });

  it("the browser's budget is a quarter of its memory, between 1 and 4 GB, 2 GB when it does not say", () => {
    expect(browserMemoryBudget(8).bytes).toBe(2 * 2 ** 30);
    expect(browserMemoryBudget(32).bytes).toBe(4 * 2 ** 30);
    expect(browserMemoryBudget(0.5).bytes).toBe(2 ** 30);
    expect(browserMemoryBudget(undefined).bytes).toBe(2 * 2 ** 30);
    expect(browserMemoryBudget(undefined).where).toMatch(/does not report its memory/);
  });
});
