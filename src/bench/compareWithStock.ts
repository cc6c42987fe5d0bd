// The project's compiled graphs/vae.json against the stock-tfjs VAE with the same weights
// and the same noise ε: the loss and every weight's gradient, as relative differences.
// Run in Node (stockVae.test.ts) and in a browser worker (tests/e2e/kernels.spec.ts), so
// the dense path's own gradient is checked against plain tfjs on every backend it runs on.
import * as tf from '@tensorflow/tfjs-core';
import { compileGraph, savedName } from '../compiler/compile';
import type { GraphDoc } from '../graph/document';
import { rows, type Dataset } from '../data/dataset';
import { createStockVae, STOCK_LAYERS } from './stockVae';
import { kernelsReady, sparseProductCount } from '../kernels/tfjsKernels';

/** graphs/vae.json's weights, by the stock model's layer names. */
export const PROJECT_LAYER: Record<(typeof STOCK_LAYERS)[number], string> = {
  enc: 'enc/dense',
  encMean: 'encMean/dense',
  encLogvar: 'encLogvar/dense',
  dec1: 'dec/0',
  dec2: 'dec/1',
};

export interface StockComparison {
  loss: number;
  stockLoss: number;
  lossRelErr: number;
  /** Relative gradient difference per weight, e.g. { 'enc/kernel': 3e-7, … }. */
  gradRelErr: Record<string, number>;
  /** Weights whose stock gradient is exactly zero (the comparison would prove nothing). */
  zeroGradients: string[];
  /** Whether the project's side ran on this project's kernels (wasm, cpu) or on stock ops. */
  fastKernels: boolean;
  /** Products of the project's side that ran from their sparse input (the first layer's, on the kernels). */
  sparseProducts: number;
}

const relErr = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.norm(tf.sub(a, b)).dataSync()[0] / Math.max(1e-12, tf.norm(b).dataSync()[0]));

export function compareWithStock(doc: GraphDoc, train: Dataset, batch = 32, seed = 42): StockComparison {
  const x = tf.tensor2d(rows(train, Array.from({ length: batch }, (_, i) => 7 * i)), [batch, train.d]);
  const model = compileGraph(doc, { dataDim: train.d, seed: 3 });
  const stock = createStockVae({ inputDim: train.d, seed: 5 });
  try {
    const byName = new Map(model.variables.map((v) => [savedName(v), v]));
    STOCK_LAYERS.forEach((layer, i) =>
      (['kernel', 'bias'] as const).forEach((part, j) => {
        const from = byName.get(`${PROJECT_LAYER[layer]}/${part}`);
        const to = stock.variables[2 * i + j];
        if (!from || to.shape.join() !== from.shape.join()) throw new Error(`${PROJECT_LAYER[layer]}/${part} does not match the stock VAE's ${layer}/${part}`);
        to.assign(from);
      }),
    );
    // The noise the compiled sampler drew for this batch and seed: ε = (z − μ) / σ.
    const eps = tf.tidy(() => {
      const ev = model.evaluator(x, seed);
      const z = ev('sampler', 'z') as tf.Tensor3D;
      const mu = ev('encMean', 'out') as tf.Tensor3D;
      const lv = ev('encLogvar', 'out') as tf.Tensor3D;
      return tf.reshape(tf.div(tf.sub(z, mu), tf.exp(tf.mul(0.5, lv))), [batch, -1]) as tf.Tensor2D;
    });
    const sparseBefore = sparseProductCount();
    const ours = tf.variableGrads(() => tf.mean(model.lossPerExample(x, seed)) as tf.Scalar, model.variables);
    const sparseProducts = sparseProductCount() - sparseBefore;
    const plain = tf.variableGrads(() => stock.loss(x, 0, eps), stock.variables);
    const gradRelErr: Record<string, number> = {};
    const zeroGradients: string[] = [];
    STOCK_LAYERS.forEach((layer, i) =>
      (['kernel', 'bias'] as const).forEach((part, j) => {
        const key = `${PROJECT_LAYER[layer]}/${part}`;
        const mine = ours.grads[byName.get(key)!.name];
        const ref = plain.grads[stock.variables[2 * i + j].name];
        if (tf.tidy(() => tf.norm(ref).dataSync()[0]) === 0) zeroGradients.push(key);
        gradRelErr[key] = relErr(mine, ref);
      }),
    );
    const loss = ours.value.dataSync()[0];
    const stockLoss = plain.value.dataSync()[0];
    tf.dispose([eps, ours.value, plain.value, ...Object.values(ours.grads), ...Object.values(plain.grads)]);
    return { loss, stockLoss, lossRelErr: Math.abs(loss - stockLoss) / Math.abs(stockLoss), gradRelErr, zeroGradients, fastKernels: kernelsReady(), sparseProducts };
  } finally {
    x.dispose();
    model.dispose();
    stock.dispose();
  }
}
