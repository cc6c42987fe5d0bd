// The stock-tfjs VAE (the benchmark's baseline) against the compiled graphs/vae.json: with
// the same weights and the same noise ε they must be the same model — the same negative
// ELBO and the same gradient for every weight, to 1e-4 relative. This checks the project's
// dense path (its own matMul gradient) against plain tfjs autodiff on the full model.
// tests/e2e/kernels.spec.ts runs the same comparison in a browser worker.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '#tf-gradients';
import { readFileSync } from 'node:fs';
import { useNodeBackend } from '../cli/nodeBackend';
import { parseGraphText } from '../graph/parse';
import type { GraphDoc } from '../graph/document';
import { loadMnistNode } from '../data/mnistNode';
import { mnistSplit } from '../data/mnist';
import { rows, type Dataset } from '../data/dataset';
import { createStockVae } from './stockVae';
import { compareWithStock } from './compareWithStock';

describe.each(['cpu', 'wasm'] as const)('stock tfjs VAE against graphs/vae.json on %s', (backend) => {
  let doc: GraphDoc;
  let train: Dataset;

  beforeAll(async () => {
    await useNodeBackend(backend);
    const parsed = parseGraphText(readFileSync(new URL('../../graphs/vae.json', import.meta.url), 'utf8'), 'graphs/vae.json');
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    doc = parsed.doc;
    train = mnistSplit(await loadMnistNode()).train;
  });

  it('gives the same negative ELBO and the same gradient for every weight (1e-4 relative)', () => {
    const before = tf.memory().numTensors;
    const c = compareWithStock(doc, train);
    expect(c.loss).toBeGreaterThan(100); // an untrained Bernoulli VAE on MNIST: hundreds of nats
    expect(c.lossRelErr).toBeLessThan(1e-4);
    expect(c.zeroGradients).toEqual([]);
    expect(c.fastKernels).toBe(true);
    // The first layer's forward and weight gradient ran from MNIST's nonzero pixels.
    expect(c.sparseProducts).toBe(2);
    expect(Object.keys(c.gradRelErr)).toHaveLength(10);
    for (const [name, err] of Object.entries(c.gradRelErr)) expect(err, name).toBeLessThan(1e-4);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('trains without leaking tensors', () => {
    const stock = createStockVae({ inputDim: train.d, seed: 5 });
    const x = tf.tensor2d(rows(train, Array.from({ length: 16 }, (_, i) => i)), [16, train.d]);
    const run = () => stock.step(x, 7).dispose();
    run();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) run();
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
    stock.dispose();
  });
});
