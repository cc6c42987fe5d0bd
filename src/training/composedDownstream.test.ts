// What runs after (and around) training, on estimators built from parts: the held-out NLL,
// the diagnostics, the views and the export must give a composed graph what they give the
// built-in loss it spells out (same ids and seed: same weights, same draws), and match the
// linear-Gaussian fixture's closed forms computed here in float64.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import '#tf-gradients';
import { useNodeBackend } from '../cli/nodeBackend';
import { compileGraph, savedName, type CompiledModel } from '../compiler/compile';
import type { GraphDoc } from '../graph/document';
import type { Dataset } from '../data/dataset';
import { normalSampler, seededUniform } from '../data/random';
import { ppcaNllDense } from '../math/ppcaDense';
import { mixSeed } from '../nodes/runtime/seeds';
import { B_VEC, D, NU, Q, SIGMA, W, exactPosterior, fixtureGraph, fixtureModel, type Encoder } from '../testing/linearGaussianFixture';
import { partsGraph, withDenseDecoder } from '../testing/partsGraphs';
import { EXACT_METHOD, heldOutNll } from './heldOutNll';
import { computeDiagnostics } from './diagnostics/computeDiagnostics';
import { computeViews } from './views/computeViews';
import { latentAccess } from './views/latentAccess';
import { ExportError, exportTfjsModel } from './exportModel';
import type { ExportedModel } from './protocol';

beforeAll(async () => {
  await useNodeBackend('wasm');
});

const models: CompiledModel[] = [];
afterAll(() => models.forEach((m) => m.dispose()));
const keep = (m: CompiledModel) => (models.push(m), m);

/** n rows drawn from the fixture's model, x = W z + b + σ ε with z ~ N(0, ν² I). */
function sampleData(n: number): Dataset {
  const normal = normalSampler(seededUniform(23));
  const x = new Float32Array(n * D);
  for (let r = 0; r < n; r++) {
    const z = [NU * normal(), NU * normal()];
    for (let i = 0; i < D; i++) x[r * D + i] = W[i][0] * z[0] + W[i][1] * z[1] + B_VEC[i] + SIGMA * normal();
  }
  return { x, n, d: D, name: 'linear-Gaussian sample' };
}

const test = sampleData(30);
const exact = exactPosterior();
/** A proposal off the posterior, so the estimates are noisy and the comparisons mean something. */
const offPosterior: Encoder = { ...exact, c: exact.c.map((v) => v + 0.3), logVar: exact.logVar.map((v) => v + 0.8) };

const BUILT_IN: Record<'iwae' | 'elbo' | 'klElbo', (J: number) => GraphDoc> = {
  iwae: (J) => fixtureGraph('iwaeLoss', J),
  elbo: (J) => fixtureGraph('elboLoss', J, 'mc'),
  klElbo: (J) => fixtureGraph('elboLoss', J, 'analytic'),
};

function denseModel(doc: GraphDoc, encoder: Encoder | undefined): CompiledModel {
  const model = keep(fixtureModel(withDenseDecoder(doc), encoder));
  const dec = model.variables.filter((v) => savedName(v).startsWith('dec/'));
  tf.tidy(() => {
    dec.find((v) => savedName(v).endsWith('kernel'))!.assign(tf.tensor2d(W[0].map((_, j) => W.map((r) => r[j]))));
    dec.find((v) => savedName(v).endsWith('bias'))!.assign(tf.tensor1d(B_VEC));
  });
  return model;
}

const mean = (a: ArrayLike<number>) => Array.from(a).reduce((s, v) => s + v, 0) / a.length;
const exactNll = mean(ppcaNllDense(test.x, test.n, D, W, B_VEC, NU * NU, SIGMA * SIGMA));

/** The exact posterior mean A x + c of row r, in float64. */
const posteriorMean = (x: ArrayLike<number>, r: number) => exact.A.map((row, j) => exact.c[j] + row.reduce((s, a, k) => s + a * x[r * D + k], 0));

describe('the held-out NLL of a composed estimator', () => {
  for (const est of ['iwae', 'elbo', 'klElbo'] as const) {
    it(`is the built-in's, to float rounding, with the same seed (${est})`, async () => {
      const composed = denseModel(partsGraph(est, 3), offPosterior);
      const builtIn = denseModel(BUILT_IN[est](3), offPosterior);
      expect(composed.latent).toEqual(builtIn.latent);
      const opts = { samples: 40, seed: 5, chunk: 15 };
      const [a, b] = [await heldOutNll(composed, test, opts), await heldOutNll(builtIn, test, opts)];
      expect(a.method).toBe(b.method);
      expect(a.method).toBe('importance sampling, K = 40, proposal q(z|x) from the graph');
      expect(Math.abs(a.nll - b.nll)).toBeLessThan(1e-5 * Math.abs(b.nll));
      // Off the posterior the estimate is an upper bound on the exact NLL, in expectation.
      expect(a.nll).toBeGreaterThan(exactNll - 0.02);
    });
  }

  it('is the exact NLL (float64, dense) when the proposal is the exact posterior', async () => {
    const model = denseModel(partsGraph('iwae', 2), exact);
    const r = await heldOutNll(model, test, { samples: 20, seed: 1 });
    expect(r.method).toMatch(/^importance sampling/);
    expect(r.nll).toBeCloseTo(exactNll, 4);
  });

  it('is exact, and says so, when the composed model is linear-Gaussian', async () => {
    const model = keep(fixtureModel(partsGraph('klElbo', 1), offPosterior));
    const r = await heldOutNll(model, test, { samples: 20, seed: 1 });
    expect(r.method).toBe(EXACT_METHOD);
    expect(r.nll).toBeCloseTo(exactNll, 4);
  });

  it('samples the prior, and says so, when the parts draw z from the prior', async () => {
    // Monte Carlo with prior samples from parts: z ~ p(z), log w = log p(x|z).
    const doc = partsGraph('iwae', 3);
    doc.nodes = doc.nodes.filter((n) => !['logPrior', 'logQ', 'q', 'encMean', 'encLogvar'].includes(n.id));
    doc.edges = doc.edges.filter((e) => doc.nodes.some((n) => n.id === e.source) && doc.nodes.some((n) => n.id === e.target));
    doc.edges.push({ id: 'p-s', source: 'prior', sourcePort: 'dist', target: 'sampler', targetPort: 'dist' });
    const model = denseModel(doc, undefined);
    expect(model.latent?.proposalId).toBeUndefined();
    const r = await heldOutNll(model, test, { samples: 400, seed: 1 });
    expect(r.method).toBe('importance sampling, K = 400, proposal the prior p(z) (the graph has no q)');
    expect(r.nll).toBeGreaterThan(exactNll - 0.02);
    expect(r.nll).toBeLessThan(exactNll + 0.3);
  });
});

describe('the diagnostics of a composed estimator', () => {
  for (const est of ['iwae', 'elbo', 'klElbo'] as const) {
    it(`are the built-in's (${est})`, async () => {
      const composed = keep(fixtureModel(partsGraph(est, 3), offPosterior));
      const builtIn = keep(fixtureModel(BUILT_IN[est](3), offPosterior));
      const opts = { repeats: 4, seed: 3, essSamples: 30, batchSize: 20 };
      const before = tf.memory().numTensors;
      const a = await computeDiagnostics(composed, test, opts);
      expect(tf.memory().numTensors).toBe(before);
      const b = await computeDiagnostics(builtIn, test, opts);
      const close = (x: number, y: number) => expect(Math.abs(x - y)).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(y)));
      for (const v of [a.lossSpread.mean, a.lossSpread.std, a.gradient.variance, a.gradient.meanSquaredNorm, a.ess!.prior!, a.ess!.encoder!]) expect(Number.isFinite(v)).toBe(true);
      expect(a.lossSpread.std).toBeGreaterThan(0);
      close(a.lossSpread.mean, b.lossSpread.mean);
      close(a.lossSpread.std, b.lossSpread.std);
      close(a.gradient.variance, b.gradient.variance);
      close(a.gradient.meanSquaredNorm, b.gradient.meanSquaredNorm);
      close(a.ess!.prior!, b.ess!.prior!);
      close(a.ess!.encoder!, b.ess!.encoder!);
      expect(a.klPerDim!.length).toBe(Q);
      a.klPerDim!.forEach((v, j) => close(v, b.klPerDim![j]));
    });
  }

  it('give the composed IWAE with the exact posterior a zero-spread loss at the exact NLL and ESS 1', async () => {
    const model = keep(fixtureModel(partsGraph('iwae', 4), exact));
    const d = await computeDiagnostics(model, test, { repeats: 5, seed: 1, essSamples: 50, batchSize: test.n });
    expect(d.lossSpread.mean).toBeCloseTo(exactNll, 4);
    expect(d.lossSpread.std).toBeLessThan(1e-4);
    expect(d.ess!.encoder!).toBeGreaterThan(0.9999);
  });
});

describe('DReG from parts: an encoder objective and a decoder objective', () => {
  /**
   * The gradient training follows, rebuilt here from the built-in IWAE: with the exact
   * posterior as q, DReG's encoder gradient vanishes for every sample, and the decoder trains
   * on IWAE's gradient. So the summed gradient is IWAE's with the encoder's entries zeroed.
   */
  async function referenceGradients(x: tf.Tensor2D, repeats: number, seed: number, order: string[]): Promise<{ variance: number; meanSquaredNorm: number }> {
    const iwae = keep(fixtureModel(fixtureGraph('iwaeLoss', 4), exact));
    const byName = new Map(iwae.variables.map((v) => [savedName(v), v]));
    const rowsOf: Float64Array[] = [];
    for (let r = 0; r < repeats; r++) {
      const s = mixSeed(mixSeed(seed, 'spread'), r);
      const flat = tf.tidy(() => {
        const vars = order.map((n) => byName.get(n)!);
        const { grads } = tf.variableGrads(() => tf.mean(iwae.lossPerExample(x, s)) as tf.Scalar, vars);
        return tf.concat(vars.map((v) => (savedName(v).startsWith('dec/') ? tf.reshape(grads[v.name], [-1]) : tf.zeros([v.size]))));
      });
      rowsOf.push(Float64Array.from(await flat.data()));
      flat.dispose();
    }
    const m = rowsOf[0].map((_, i) => mean(rowsOf.map((row) => row[i])));
    const variance = rowsOf.reduce((s, row) => s + row.reduce((t, v, i) => t + (v - m[i]) ** 2, 0), 0) / repeats;
    return { variance, meanSquaredNorm: m.reduce((s, v) => s + v * v, 0) };
  }

  it('reports the IWAE estimate and adds the scoped gradients in the diagnostics', async () => {
    const model = keep(fixtureModel(partsGraph('dreg', 4), exact));
    expect(model.objectives.map((o) => [o.nodeId, o.scope, o.reported])).toEqual([
      ['objective', 'decoder', true],
      ['encObjective', 'encoder', false],
    ]);
    const before = tf.memory().numTensors;
    const d = await computeDiagnostics(model, test, { repeats: 5, seed: 4, essSamples: 20, batchSize: test.n });
    expect(tf.memory().numTensors).toBe(before);
    expect(d.lossSpread.mean).toBeCloseTo(exactNll, 4);
    const x = tf.tensor2d(test.x, [test.n, D]);
    const ref = await referenceGradients(x, 5, 4, model.variables.filter((v) => v.trainable).map(savedName));
    x.dispose();
    expect(ref.meanSquaredNorm).toBeGreaterThan(0);
    expect(d.gradient.meanSquaredNorm / ref.meanSquaredNorm).toBeCloseTo(1, 4);
    expect(d.gradient.variance / ref.variance).toBeCloseTo(1, 3);
    expect(d.ess!.encoder!).toBeGreaterThan(0.9999);
    expect(d.klPerDim).toHaveLength(Q);
  });
});

describe('the views of a composed estimator', () => {
  it('place each test point at the mean of q(z|x), the exact posterior mean here', async () => {
    const model = keep(fixtureModel(partsGraph('iwae', 3), exact));
    const views = await computeViews(model, { train: test, test }, { epoch: 1, step: 1, seed: 1 });
    expect(views.ppca).toBeDefined(); // the decoder is linear-Gaussian
    const pts = views.latent!;
    expect(pts.points).toHaveLength(test.n * Q);
    for (let r = 0; r < test.n; r++) {
      const m = posteriorMean(test.x, r);
      for (let j = 0; j < Q; j++) expect(pts.points[r * Q + j]).toBeCloseTo(m[j], 4);
    }
  });

  it('decode z to W z + b, and draw prior samples of the latent dimension', async () => {
    const model = keep(fixtureModel(partsGraph('klElbo', 1), offPosterior));
    const access = (await latentAccess(model, test))!;
    expect(access.encoder).toBe('proposal');
    expect(access.nu).toBeCloseTo(NU, 5);
    const z = [[0.5, -1], [2, 0.25]];
    const out = tf.tidy(() => access.decode(tf.tensor2d(z), 1).dataSync());
    z.forEach((zr, r) => W.forEach((w, i) => expect(out[r * D + i]).toBeCloseTo(w[0] * zr[0] + w[1] * zr[1] + B_VEC[i], 5)));
    const s = tf.tidy(() => access.samplePrior(7, 2));
    expect(s.shape).toEqual([7, Q]);
    s.dispose();
  });

  it('draw reconstructions, samples, the manifold and an interpolation, as the built-in does', async () => {
    // 8×8 "images": the same fixture on 64 synthetic columns.
    const images = (doc: GraphDoc) => {
      doc.nodes.find((n) => n.id === 'data')!.params.d = 64;
      return doc;
    };
    const normal = normalSampler(seededUniform(5));
    const data: Dataset = { x: Float32Array.from({ length: 12 * 64 }, () => normal()), n: 12, d: 64, name: 'noise' };
    const [a, b] = [images(partsGraph('klElbo', 2)), images(fixtureGraph('elboLoss', 2))].map((doc) => keep(compileGraphFor(doc, 64)));
    const opts = { epoch: 1, step: 1, seed: 3, interpolate: [0, 1] as [number, number] };
    const [va, vb] = [await computeViews(a, { train: data, test: data }, opts), await computeViews(b, { train: data, test: data }, opts)];
    for (const key of ['reconstructions', 'samples', 'manifold', 'interpolation'] as const) expect(va[key], key).toBeDefined();
    expect(va.latent!.points).toEqual(vb.latent!.points);
    expect(va.samples).toEqual(vb.samples);
    expect(va.reconstructions).toEqual(vb.reconstructions);
    expect(va.manifold).toEqual(vb.manifold);
  });
});

describe('the tfjs export of a composed estimator', () => {
  async function predict(e: ExportedModel, input: number[][]): Promise<Float32Array> {
    const json = JSON.parse(e.modelJson) as { modelTopology: object; weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[] };
    const loaded = await tfl.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData: e.weightsBin }));
    try {
      return tf.tidy(() => (loaded.predict(tf.tensor2d(input)) as tf.Tensor).dataSync() as Float32Array);
    } finally {
      loaded.dispose();
    }
  }

  for (const est of ['iwae', 'klElbo', 'dreg'] as const) {
    it(`exports the decoder W z + b and the encoder's mean A x + c (${est})`, async () => {
      const doc = partsGraph(est, 2);
      const model = keep(fixtureModel(doc, exact));
      const dec = await exportTfjsModel(model, doc, 'decoder');
      expect(JSON.parse(dec.modelJson).userDefinedMetadata.output).toEqual({ node: 'lik', dim: D });
      const z = [[0.5, -1], [2, 0.25]];
      const xz = await predict(dec, z);
      z.forEach((zr, r) => W.forEach((w, i) => expect(xz[r * D + i]).toBeCloseTo(w[0] * zr[0] + w[1] * zr[1] + B_VEC[i], 5)));
      const enc = await exportTfjsModel(model, doc, 'encoder');
      expect(JSON.parse(enc.modelJson).userDefinedMetadata.output).toEqual({ node: 'q', dim: Q });
      const zx = await predict(enc, [Array.from(test.x.subarray(0, D)), Array.from(test.x.subarray(D, 2 * D))]);
      for (let r = 0; r < 2; r++) posteriorMean(test.x, r).forEach((m, j) => expect(zx[r * Q + j]).toBeCloseTo(m, 4));
    });
  }
});

function compileGraphFor(doc: GraphDoc, dataDim: number): CompiledModel {
  return compileGraph(doc, { dataDim, seed: 2 });
}

describe('a composed objective whose parts name no prior', () => {
  it('compiles, and the held-out NLL, the views and the export say what is missing', async () => {
    // Only the reconstruction term: log p(x|z) at z ~ q(z|x), averaged.
    const doc = partsGraph('elbo', 2);
    doc.nodes = doc.nodes.filter((n) => !['logPrior', 'logQ'].includes(n.id));
    doc.edges = doc.edges.filter((e) => doc.nodes.some((n) => n.id === e.source) && doc.nodes.some((n) => n.id === e.target));
    const model = keep(fixtureModel(withDenseDecoder(doc), offPosterior));
    expect(model.latent).toBeUndefined();
    expect((await heldOutNll(model, test, { samples: 5, seed: 1 })).method).toMatch(/^unavailable/);
    const views = await computeViews(model, { train: test, test }, { epoch: 0, step: 0, seed: 1 });
    expect(views.notes.join(' ')).toMatch(/no latent variable/);
    await expect(exportTfjsModel(model, doc, 'decoder')).rejects.toThrow(ExportError);
    await expect(exportTfjsModel(model, doc, 'decoder')).rejects.toThrow(/evaluate a likelihood p\(x\|z\) at the data/);
    const d = await computeDiagnostics(model, test, { repeats: 2, seed: 1 });
    expect(Number.isFinite(d.lossSpread.mean)).toBe(true);
    expect(d.ess).toBeUndefined();
  });
});
