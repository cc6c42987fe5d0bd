import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import '#tf-gradients';
import { readFileSync } from 'node:fs';
import { useNodeBackend } from '../cli/nodeBackend';
import { compileGraph, portKey, type CompiledModel } from '../compiler/compile';
import { isDist } from '../nodes/runtime/types';
import { parseGraphText } from '../graph/parse';
import type { GraphDoc } from '../graph/document';
import { ExportError, exportTfjsModel, planExport } from './exportModel';
import type { ExportedModel } from './protocol';

beforeAll(async () => {
  await useNodeBackend('cpu');
});

const models: CompiledModel[] = [];
afterAll(() => models.forEach((m) => m.dispose()));

function graph(name: string, edit?: (doc: GraphDoc) => void): GraphDoc {
  const r = parseGraphText(readFileSync(`graphs/${name}.json`, 'utf8'), `${name}.json`);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  edit?.(r.doc);
  return r.doc;
}

function compile(doc: GraphDoc): CompiledModel {
  const m = compileGraph(doc, { seed: 3 });
  models.push(m);
  // Untrained values are too tame to catch a swapped kernel or a missing bias: perturb all.
  m.variables.forEach((v, i) => tf.tidy(() => v.assign(tf.add(v, tf.randomNormal(v.shape, 0, 0.3, 'float32', 100 + i)))));
  return m;
}

/** Loads the exported artifacts back, as `tf.loadLayersModel` would from the two files. */
async function load(e: ExportedModel): Promise<tfl.LayersModel> {
  const json = JSON.parse(e.modelJson) as { modelTopology: object; weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[] };
  expect(json.weightsManifest[0].paths).toEqual([`./${e.fileStem}.weights.bin`]);
  return tfl.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData: e.weightsBin }));
}

/** The graph's own decoder: the likelihood's mean with z fixed to the given values. */
function graphDecoder(m: CompiledModel, z: tf.Tensor2D, zNode: string, likelihood: string): Float32Array {
  return tf.tidy(() => {
    const B = z.shape[0];
    const x = tf.zeros([B, m.dataDim]) as tf.Tensor2D;
    const evaluate = m.evaluator(x, 1, new Map([[portKey(zNode, 'z'), tf.reshape(z, [1, B, z.shape[1]])]]));
    const dist = evaluate(likelihood, 'dist');
    if (!isDist(dist)) throw new Error('not a distribution');
    return dist.mean(B).dataSync() as Float32Array;
  });
}

function graphTensor(m: CompiledModel, x: tf.Tensor2D, nodeId: string, port: string): Float32Array {
  return tf.tidy(() => (m.evaluator(x, 1)(nodeId, port) as tf.Tensor).dataSync() as Float32Array);
}

// The exported model runs tfjs's own matMul, the graph this project's kernels: float32 sums
// over hundreds of terms in a different order differ by up to ~K·ε of their magnitude.
function expectClose(a: Float32Array, b: Float32Array, tol = 1e-4) {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / (1 + Math.abs(b[i])));
  expect(worst).toBeLessThan(tol);
}

async function predict(e: ExportedModel, input: tf.Tensor2D): Promise<Float32Array> {
  const loaded = await load(e);
  try {
    return tf.tidy(() => (loaded.predict(input) as tf.Tensor).dataSync() as Float32Array);
  } finally {
    loaded.dispose();
  }
}

describe('export of a trained decoder or encoder as a tfjs layers model', () => {
  it('the PPCA decoder (one linear layer) predicts the likelihood mean W z + b', async () => {
    const doc = graph('ppca');
    const m = compile(doc);
    const exported = await exportTfjsModel(m, doc, 'decoder');
    expect(exported.fileStem).toBe('probabilistic-pca-decoder');
    expect(exported.weightsBin.byteLength).toBe((2 * 10 + 10) * 4);
    const z = tf.tensor2d([[0, 0], [1, -2], [0.5, 3], [-1.5, 0.25]]);
    expectClose(await predict(exported, z), graphDecoder(m, z, 'sampler', 'likelihood'));
    z.dispose();
  });

  it('the VAE decoder (MLP, Bernoulli) predicts sigmoid(logits), and the encoder the proposal mean', async () => {
    const doc = graph('vae-2d');
    const m = compile(doc);
    const dec = await exportTfjsModel(m, doc, 'decoder');
    const meta = JSON.parse(dec.modelJson).userDefinedMetadata;
    expect(meta.part).toBe('decoder');
    expect(meta.description).toMatch(/sigmoid/);
    const z = tf.tensor2d([[0, 0], [1, -1], [2.5, 0.5]]);
    expectClose(await predict(dec, z), graphDecoder(m, z, 'sampler', 'lik'));

    const enc = await exportTfjsModel(m, doc, 'encoder');
    expect(JSON.parse(enc.modelJson).userDefinedMetadata.output).toEqual({ node: 'q', dim: 2 });
    const x = tf.randomUniform([4, 784], 0, 1, 'float32', 5) as tf.Tensor2D;
    expectClose(await predict(enc, x), graphTensor(m, x, 'encMean', 'out'));
    tf.dispose([z, x]);
  });

  it('maps every activation, leaky ReLU and a linear layer without bias', async () => {
    const doc = graph('linear-vae', (d) => {
      // z → dense(tanh) → mlp(leakyRelu hidden, softplus out) → linear (no bias) → likelihood mean.
      d.nodes.push(
        { id: 'h1', kind: 'dense', position: { x: 0, y: 0 }, params: { units: 5, activation: 'tanh', initializer: 'glorotUniform' } },
        { id: 'h2', kind: 'mlp', position: { x: 0, y: 0 }, params: { hidden: [6, 4], activation: 'leakyRelu', outputs: 3, outputActivation: 'softplus', initializer: 'heNormal' } },
      );
      const dec = d.nodes.find((n) => n.id === 'dec')!;
      dec.params = { ...dec.params, bias: false };
      d.edges = d.edges.filter((e) => !(e.source === 'sampler' && e.target === 'dec'));
      d.edges.push(
        { id: 'a', source: 'sampler', sourcePort: 'z', target: 'h1', targetPort: 'in' },
        { id: 'b', source: 'h1', sourcePort: 'out', target: 'h2', targetPort: 'in' },
        { id: 'c', source: 'h2', sourcePort: 'out', target: 'dec', targetPort: 'in' },
      );
    });
    const m = compile(doc);
    const plan = planExport(m, doc, 'decoder');
    expect(plan.layers.map((l) => [l.nodeId, l.activation, l.units, !!l.bias])).toEqual([
      ['h1', 'tanh', 5, true],
      ['h2', 'leakyRelu', 6, true],
      ['h2', 'leakyRelu', 4, true],
      ['h2', 'softplus', 3, true],
      ['dec', 'linear', 10, false],
    ]);
    const exported = await exportTfjsModel(m, doc, 'decoder');
    const z = tf.tensor2d([[0.3, -0.7], [1, 2], [-2, -1]]);
    expectClose(await predict(exported, z), graphDecoder(m, z, 'sampler', 'lik'));
    // The linear VAE's encoder: one linear layer to the proposal mean.
    const enc = await exportTfjsModel(m, doc, 'encoder');
    const x = tf.randomNormal([3, 10], 0, 1, 'float32', 9) as tf.Tensor2D;
    expectClose(await predict(enc, x), graphTensor(m, x, 'encMean', 'out'));
    tf.dispose([z, x]);
  });

  it('the autoencoder encoder ends at the point estimate z', async () => {
    const doc = graph('autoencoder');
    const m = compile(doc);
    const enc = await exportTfjsModel(m, doc, 'encoder');
    const x = tf.randomUniform([2, 784], 0, 1, 'float32', 2) as tf.Tensor2D;
    expectClose(await predict(enc, x), graphTensor(m, x, 'enc', 'out'));
    x.dispose();
  });

  it('says why when there is no encoder, and leaks no tensors', async () => {
    const doc = graph('ppca');
    const m = compile(doc);
    expect(() => planExport(m, doc, 'encoder')).toThrow(ExportError);
    expect(() => planExport(m, doc, 'encoder')).toThrow(/no encoder/);
    const before = tf.memory().numTensors;
    await exportTfjsModel(m, doc, 'decoder');
    expect(tf.memory().numTensors).toBe(before);
  });
});
