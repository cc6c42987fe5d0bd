// The views against independent computations: a hand-written float64 forward pass of the
// VAE's encoder and decoder, the PPCA closed form loaded into the model, and the geometry of
// the principal-component projection. Runs on wasm, the backend the worker uses without a GPU.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { readFileSync } from 'node:fs';
import { useNodeBackend } from '../../cli/nodeBackend';
import { nodeLoaders } from '../../cli/nodeLoaders';
import { compileGraph, savedName, type CompiledModel } from '../../compiler/compile';
import { parseGraphText } from '../../graph/parse';
import type { GraphDoc } from '../../graph/document';
import { ppcaClosedForm } from '../../math/ppcaClosedForm';
import { loadRunData, type RunData } from '../runData';
import { computeViews } from './computeViews';
import { imageSide, manifoldLatents } from './imageGrids';

beforeAll(async () => {
  await useNodeBackend('wasm');
});

function graph(name: string): GraphDoc {
  const r = parseGraphText(readFileSync(`graphs/${name}.json`, 'utf8'), `${name}.json`);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.doc;
}

async function setup(doc: GraphDoc): Promise<{ model: CompiledModel; data: RunData }> {
  const data = await loadRunData(doc, doc.training, nodeLoaders);
  return { model: compileGraph(doc, { dataDim: data.train.d, seed: 1 }), data };
}

async function variable(model: CompiledModel, name: string): Promise<Float32Array> {
  const v = model.variables.find((w) => savedName(w) === name);
  if (!v) throw new Error(`no variable ${name}`);
  return (await v.data()) as Float32Array;
}

/** x·K + b in float64, K row-major [in, out]. */
function dense(x: ArrayLike<number>, K: Float32Array, b: Float32Array, act: (v: number) => number = (v) => v): Float64Array {
  const out = new Float64Array(b.length);
  for (let j = 0; j < b.length; j++) {
    let s = b[j];
    for (let i = 0; i < x.length; i++) s += x[i] * K[i * b.length + j];
    out[j] = act(s);
  }
  return out;
}
const relu = (v: number) => Math.max(0, v);
const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));
const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

describe('computeViews on the PPCA graph', () => {
  it('projects every test point and draws two learned and two closed-form axes that coincide at the optimum', async () => {
    const { model, data } = await setup(graph('ppca'));
    const { train, test } = data;
    // Load the eigendecomposition optimum into the model (kernel = Wᵀ, ν = 1 in the graph).
    const cf = ppcaClosedForm(train.x, train.n, train.d, 2, 1);
    const byName = new Map(model.variables.map((v) => [savedName(v), v]));
    tf.tidy(() => {
      byName.get('decoder/kernel')!.assign(tf.transpose(tf.tensor2d(cf.W)));
      byName.get('decoder/bias')!.assign(tf.tensor1d(Array.from(cf.b)));
      byName.get('likelihood/logVar')!.assign(tf.scalar(Math.log(cf.sigma2)));
    });
    const before = tf.memory().numTensors;
    const views = await computeViews(model, data, { epoch: 1, step: 2, seed: 3 });
    expect(tf.memory().numTensors).toBe(before);

    const ppca = views.ppca!;
    expect(views.epoch).toBe(1);
    expect(views.step).toBe(2);
    expect(ppca.points.length).toBe(2 * test.n);
    expect(ppca.method).toMatch(/principal directions/);
    expect(ppca.learnedAxes).toHaveLength(2);
    expect(ppca.closedFormAxes).toHaveLength(2);
    for (let j = 0; j < 2; j++) {
      expect(ppca.learnedAxes[j][0]).toBeCloseTo(ppca.closedFormAxes[j][0], 2);
      expect(ppca.learnedAxes[j][1]).toBeCloseTo(ppca.closedFormAxes[j][1], 2);
    }

    // The projection is onto principal directions: the two coordinates are uncorrelated, the
    // first has the most variance (more than any single feature), and the centre is their mean.
    const n = test.n;
    const m = [0, 0];
    for (let i = 0; i < n; i++) for (let k = 0; k < 2; k++) m[k] += ppca.points[2 * i + k] / n;
    let [v1, v2, c12] = [0, 0, 0];
    for (let i = 0; i < n; i++) {
      const a = ppca.points[2 * i] - m[0];
      const b = ppca.points[2 * i + 1] - m[1];
      v1 += (a * a) / n;
      v2 += (b * b) / n;
      c12 += (a * b) / n;
    }
    expect(Math.abs(c12) / Math.sqrt(v1 * v2)).toBeLessThan(1e-4);
    expect(v1).toBeGreaterThanOrEqual(v2);
    for (let j = 0; j < test.d; j++) {
      let mj = 0;
      let vj = 0;
      for (let i = 0; i < n; i++) mj += test.x[i * test.d + j] / n;
      for (let i = 0; i < n; i++) vj += (test.x[i * test.d + j] - mj) ** 2 / n;
      expect(v1).toBeGreaterThan(vj);
    }
    expect(ppca.center[0]).toBeCloseTo(m[0], 3);
    expect(ppca.center[1]).toBeCloseTo(m[1], 3);

    // The latent scatter of PPCA is the exact posterior mean; 10 features are not an image.
    expect(views.latent!.points.length).toBe(2 * test.n);
    expect(views.latent!.method).toMatch(/exact posterior/);
    expect(views.reconstructions).toBeUndefined();
    expect(views.notes.some((s) => /not images/.test(s))).toBe(true);
    model.dispose();
  });

  it('draws two-feature data in its own coordinates', async () => {
    const doc = graph('ppca');
    const dataNode = doc.nodes.find((n) => n.kind === 'data')!;
    dataNode.params = { ...dataNode.params, d: 2, q: 1 };
    doc.nodes.find((n) => n.id === 'prior')!.params.dim = 1;
    const { model, data } = await setup(doc);
    const views = await computeViews(model, data, { epoch: 0, step: 0, seed: 1 });
    const ppca = views.ppca!;
    expect(ppca.method).toMatch(/data coordinates/);
    expect(Array.from(ppca.points)).toEqual(Array.from(data.test.x));
    expect(ppca.learnedAxes).toHaveLength(1);
    expect(ppca.closedFormAxes).toHaveLength(1);
    model.dispose();
  });
});

describe('computeViews on the linear VAE', () => {
  it('draws the PPCA picture of its linear decoder and scatters the mean of its q(z|x)', async () => {
    const { model, data } = await setup(graph('linear-vae'));
    const views = await computeViews(model, data, { epoch: 0, step: 0, seed: 1 });
    expect(views.ppca!.learnedAxes).toHaveLength(2);
    expect(views.ppca!.closedFormAxes).toHaveLength(2);
    expect(views.latent!.method).toMatch(/mean of q\(z\|x\)/);
    expect(views.latent!.points.length).toBe(2 * data.test.n);
    model.dispose();
  });
});

describe('computeViews on MNIST', () => {
  it('gives the 2-D VAE its scatter, reconstructions, samples, manifold and interpolation, from the real encoder and decoder', async () => {
    const { model, data } = await setup(graph('vae-2d'));
    const { test } = data;
    const before = tf.memory().numTensors;
    const t0 = performance.now();
    const views = await computeViews(model, data, { epoch: 0, step: 0, seed: 5, latentPoints: 300, interpolate: [3, 7] });
    console.log(`computeViews(graphs/vae-2d.json, wasm, first call, 144-image manifold): ${(performance.now() - t0).toFixed(1)} ms`);
    expect(tf.memory().numTensors).toBe(before);

    const [K0, b0, Km, bm, D0, c0, D1, c1] = await Promise.all(
      ['enc/dense/kernel', 'enc/dense/bias', 'encMean/dense/kernel', 'encMean/dense/bias', 'dec/0/kernel', 'dec/0/bias', 'dec/1/kernel', 'dec/1/bias'].map((n) => variable(model, n)),
    );
    const row = (i: number) => test.x.subarray(i * 784, (i + 1) * 784);
    const encode = (x: ArrayLike<number>) => dense(dense(x, K0, b0, relu), Km, bm);
    const decode = (z: ArrayLike<number>) => dense(dense(z, D0, c0, relu), D1, c1, sigmoid);

    const latent = views.latent!;
    expect(latent.points.length).toBe(2 * 300);
    expect(latent.labels).toEqual(test.labels!.slice(0, 300));
    expect(latent.method).toMatch(/latent dimensions 1–2/);
    for (const i of [0, 150, 299]) expect(maxAbsDiff(latent.points.subarray(2 * i, 2 * i + 2), encode(row(i)))).toBeLessThan(1e-4);

    const rec = views.reconstructions!;
    for (const g of [rec.inputs, rec.outputs]) {
      expect(g.side).toBe(28);
      expect(g.count).toBe(16);
      expect(g.pixels.length).toBe(16 * 784);
      expect(g.pixels.every((p) => p >= 0 && p <= 1)).toBe(true);
    }
    expect(Array.from(rec.inputs.pixels.subarray(0, 784))).toEqual(Array.from(row(0)));
    expect(maxAbsDiff(rec.outputs.pixels.subarray(5 * 784, 6 * 784), decode(encode(row(5))))).toBeLessThan(1e-4);

    expect(views.samples!.count).toBe(16);
    expect(views.samples!.pixels.every((p) => p >= 0 && p <= 1)).toBe(true);

    const manifold = views.manifold!;
    expect(manifold.grid).toBe(12);
    expect(manifold.count).toBe(144);
    expect(manifold.pixels.length).toBe(144 * 784);
    const corner = manifoldLatents(12, 1).subarray(2 * 13, 2 * 14); // row 1, column 1
    expect(maxAbsDiff(manifold.pixels.subarray(13 * 784, 14 * 784), decode(corner))).toBeLessThan(1e-4);

    const interp = views.interpolation!;
    expect([interp.from, interp.to]).toEqual([3, 7]);
    expect(interp.count).toBe(10);
    expect(maxAbsDiff(interp.pixels.subarray(0, 784), decode(encode(row(3))))).toBeLessThan(1e-4);
    expect(maxAbsDiff(interp.pixels.subarray(9 * 784, 10 * 784), decode(encode(row(7))))).toBeLessThan(1e-4);
    const za = encode(row(3));
    const zb = encode(row(7));
    const mid = [0, 1].map((k) => (5 / 9) * za[k] + (4 / 9) * zb[k]);
    expect(maxAbsDiff(interp.pixels.subarray(4 * 784, 5 * 784), decode(mid))).toBeLessThan(1e-4);

    expect(views.ppca).toBeUndefined();
    expect(views.notes).toHaveLength(1); // only: not linear-Gaussian, so no PPCA view
    model.dispose();
  });

  it('shows the 20-D VAE by the PCA of its latent means, within the time budget', async () => {
    const { model, data } = await setup(graph('vae'));
    const opts = { epoch: 0, step: 0, seed: 1 };
    await computeViews(model, data, opts); // warm-up: wasm kernels, the first allocations
    const before = tf.memory().numTensors;
    const times: number[] = [];
    let views;
    for (let r = 0; r < 5; r++) {
      const t0 = performance.now();
      views = await computeViews(model, data, opts);
      times.push(performance.now() - t0);
    }
    expect(tf.memory().numTensors).toBe(before);
    times.sort((a, b) => a - b);
    console.log(`computeViews(graphs/vae.json, wasm): median ${times[2].toFixed(1)} ms, min ${times[0].toFixed(1)} ms over 5 runs (${data.test.n} latent points)`);
    expect(times[2]).toBeLessThan(1000); // generous for a loaded CI machine; the target is ~150 ms
    expect(views!.latent!.points.length).toBe(2 * data.test.n);
    expect(views!.latent!.method).toMatch(/PCA of the latent means/);
    expect(views!.manifold).toBeUndefined();
    expect(views!.notes.some((s) => /No manifold/.test(s))).toBe(true);
    expect(views!.reconstructions!.outputs.count).toBe(16);
    expect(views!.interpolation!.count).toBe(10);
    model.dispose();
  });

  it('gives the autoencoder a scatter of its encoder outputs', async () => {
    const { model, data } = await setup(graph('autoencoder'));
    const views = await computeViews(model, data, { epoch: 0, step: 0, seed: 1, latentPoints: 100 });
    expect(views.latent!.points.length).toBe(200);
    expect(views.latent!.method).toMatch(/encoder output/);
    expect(views.reconstructions!.outputs.count).toBe(16);
    model.dispose();
  });

  it('gives Monte Carlo with prior samples a note instead of a latent view, and still decodes prior samples', async () => {
    const { model, data } = await setup(graph('mc-prior'));
    const before = tf.memory().numTensors;
    const views = await computeViews(model, data, { epoch: 0, step: 0, seed: 1 });
    expect(tf.memory().numTensors).toBe(before);
    expect(views.latent).toBeUndefined();
    expect(views.reconstructions).toBeUndefined();
    expect(views.interpolation).toBeUndefined();
    expect(views.samples!.count).toBe(16);
    expect(views.notes.some((s) => /No latent scatter/.test(s))).toBe(true);
    expect(views.notes.some((s) => /No reconstructions/.test(s))).toBe(true);
    model.dispose();
  });
});

describe('imageSide', () => {
  it('accepts squares of at least 8×8 only', () => {
    expect(imageSide(784)).toBe(28);
    expect(imageSide(64)).toBe(8);
    expect(imageSide(49)).toBeUndefined();
    expect(imageSide(10)).toBeUndefined();
    expect(imageSide(785)).toBeUndefined();
  });
});
