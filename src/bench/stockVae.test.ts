// The stock-tfjs VAE (the benchmark's baseline) against the compiled graphs/vae.json: with
// the same weights and the same noise ε they must be the same model — the same negative
// ELBO and the same gradient for every weight, to 1e-4 relative. This checks the project's
// dense path (its own matMul gradient) against plain tfjs autodiff on the full model.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '#tf-gradients';
import { readFileSync } from 'node:fs';
import { useNodeBackend } from '../cli/nodeBackend';
import { parseGraphText } from '../graph/parse';
import { compileGraph, savedName, type CompiledModel } from '../compiler/compile';
import { loadMnistNode } from '../data/mnistNode';
import { mnistSplit } from '../data/mnist';
import { rows } from '../data/dataset';
import { createStockVae, STOCK_LAYERS, type StockVae } from './stockVae';

// graphs/vae.json's weights, by the stock model's layer names.
const PROJECT_LAYER: Record<(typeof STOCK_LAYERS)[number], string> = {
  enc: 'enc/dense',
  encMean: 'encMean/dense',
  encLogvar: 'encLogvar/dense',
  dec1: 'dec/0',
  dec2: 'dec/1',
};

const relErr = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.norm(tf.sub(a, b)).dataSync()[0] / Math.max(1e-12, tf.norm(b).dataSync()[0]));

describe.each(['cpu', 'wasm'] as const)('stock tfjs VAE against graphs/vae.json on %s', (backend) => {
  let model: CompiledModel;
  let stock: StockVae;
  let x: tf.Tensor2D;
  const seed = 42;

  beforeAll(async () => {
    await useNodeBackend(backend);
    const parsed = parseGraphText(readFileSync(new URL('../../graphs/vae.json', import.meta.url), 'utf8'), 'graphs/vae.json');
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    const { train } = mnistSplit(await loadMnistNode());
    const B = 32;
    x = tf.tensor2d(rows(train, Array.from({ length: B }, (_, i) => 7 * i)), [B, train.d]);
    model = compileGraph(parsed.doc, { dataDim: train.d, seed: 3 });
    stock = createStockVae({ inputDim: train.d, seed: 5 });
    // Copy the project's weights into the stock model, layer by layer, shape-checked.
    const byName = new Map(model.variables.map((v) => [savedName(v), v]));
    STOCK_LAYERS.forEach((layer, i) => {
      (['kernel', 'bias'] as const).forEach((part, j) => {
        const from = byName.get(`${PROJECT_LAYER[layer]}/${part}`);
        const to = stock.variables[2 * i + j];
        expect(from, `${PROJECT_LAYER[layer]}/${part}`).toBeDefined();
        expect(to.shape).toEqual(from!.shape);
        to.assign(from!);
      });
    });
    expect(stock.variables.length).toBe(model.variables.length);
  });

  /** The noise the compiled sampler drew for this batch and seed: ε = (z − μ) / σ. */
  function compiledNoise(): tf.Tensor2D {
    return tf.tidy(() => {
      const ev = model.evaluator(x, seed);
      const z = ev('sampler', 'z') as tf.Tensor3D;
      const mu = ev('encMean', 'out') as tf.Tensor3D;
      const lv = ev('encLogvar', 'out') as tf.Tensor3D;
      return tf.reshape(tf.div(tf.sub(z, mu), tf.exp(tf.mul(0.5, lv))), [x.shape[0], -1]) as tf.Tensor2D;
    });
  }

  it('gives the same negative ELBO as the compiled graph with the same weights and noise', () => {
    const eps = compiledNoise();
    const ours = tf.tidy(() => tf.mean(model.lossPerExample(x, seed)));
    const plain = stock.loss(x, 0, eps);
    const a = ours.dataSync()[0];
    const b = plain.dataSync()[0];
    expect(Number.isFinite(a)).toBe(true);
    expect(a).toBeGreaterThan(100); // an untrained Bernoulli VAE on MNIST: hundreds of nats
    expect(Math.abs(a - b) / Math.abs(b)).toBeLessThan(1e-4);
    tf.dispose([eps, ours, plain]);
  });

  it('gives the same gradient for every weight (1e-4 relative)', () => {
    const eps = compiledNoise();
    const ours = tf.variableGrads(() => tf.mean(model.lossPerExample(x, seed)) as tf.Scalar, model.variables);
    const plain = tf.variableGrads(() => stock.loss(x, 0, eps), stock.variables);
    STOCK_LAYERS.forEach((layer, i) => {
      (['kernel', 'bias'] as const).forEach((part, j) => {
        const mine = ours.grads[model.variables.find((v) => savedName(v) === `${PROJECT_LAYER[layer]}/${part}`)!.name];
        const ref = plain.grads[stock.variables[2 * i + j].name];
        expect(tf.norm(ref).dataSync()[0], `${layer}/${part} has a gradient`).toBeGreaterThan(0);
        expect(relErr(mine, ref), `${layer}/${part}`).toBeLessThan(1e-4);
      });
    });
    tf.dispose([eps, ours.value, plain.value, ...Object.values(ours.grads), ...Object.values(plain.grads)]);
  });

  it('trains without leaking tensors', async () => {
    const run = () => stock.step(x, 7).dispose();
    run();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) run();
    expect(tf.memory().numTensors).toBe(before);
  });
});
