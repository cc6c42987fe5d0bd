// Diagnostics against independent float64 computations: on a small linear-Gaussian model
// whose exact posterior is known in closed form (so importance sampling with it is exact),
// and on the PPCA graph, whose gradient is checked by finite differences of a dense NLL.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { readFileSync } from 'node:fs';
import { useNodeBackend } from '../../cli/nodeBackend';
import { nodeLoaders } from '../../cli/nodeLoaders';
import { compileGraph, savedName, type CompiledModel } from '../../compiler/compile';
import { B_VEC, D, NU, Q, SIGMA, W, exactPosterior, fixtureGraph, fixtureModel } from '../../testing/linearGaussianFixture';
import { parseGraphText } from '../../graph/parse';
import type { Dataset } from '../../data/dataset';
import { normalSampler, seededUniform } from '../../data/random';
import { ppcaNllDense } from '../../math/ppcaDense';
import { loadRunData } from '../runData';
import { computeDiagnostics } from './computeDiagnostics';

beforeAll(async () => {
  await useNodeBackend('wasm');
});

/** n rows drawn from the model itself, x = W z + b + σ ε with z ~ N(0, ν² I). */
function sampleData(n: number): Dataset {
  const normal = normalSampler(seededUniform(11));
  const x = new Float32Array(n * D);
  for (let r = 0; r < n; r++) {
    const z = [NU * normal(), NU * normal()];
    for (let i = 0; i < D; i++) x[r * D + i] = W[i][0] * z[0] + W[i][1] * z[1] + B_VEC[i] + SIGMA * normal();
  }
  return { x, n, d: D, name: 'linear-Gaussian sample' };
}

function tinyModel(loss: 'iwaeLoss' | 'autoencoderLoss', J: number, logVarShift = 0): CompiledModel {
  const post = exactPosterior();
  return fixtureModel(fixtureGraph(loss, J), { ...post, logVar: post.logVar.map((v) => v + logVarShift) });
}

const mean = (a: ArrayLike<number>) => Array.from(a).reduce((s, v) => s + v, 0) / a.length;

describe('computeDiagnostics on a linear-Gaussian model with the exact posterior as proposal', () => {
  const test = sampleData(40);

  it('gives IWAE a zero-spread loss equal to the exact NLL, ESS 1 from the encoder and less from the prior', async () => {
    const model = tinyModel('iwaeLoss', 3);
    const before = tf.memory().numTensors;
    const diag = await computeDiagnostics(model, test, { repeats: 6, seed: 1, essSamples: 200 });
    expect(tf.memory().numTensors).toBe(before);

    const exact = mean(ppcaNllDense(test.x, test.n, D, W, B_VEC, NU * NU, SIGMA * SIGMA));
    expect(diag.repeats).toBe(6);
    expect(diag.lossSpread.mean).toBeCloseTo(exact, 4);
    expect(diag.lossSpread.std).toBeLessThan(1e-4); // float32 rounding only
    expect(Number.isFinite(diag.gradient.variance)).toBe(true);
    expect(diag.gradient.meanSquaredNorm).toBeGreaterThan(0);

    expect(diag.ess!.samples).toBe(200);
    expect(diag.ess!.encoder!).toBeGreaterThan(0.9999);
    expect(diag.ess!.encoder!).toBeLessThanOrEqual(1 + 1e-12);
    expect(diag.ess!.prior!).toBeLessThan(0.8);
    expect(diag.ess!.prior!).toBeGreaterThan(1 / 200);
    model.dispose();
  });

  it('splits the analytic KL(q‖p) by dimension, summing to the float64 KL averaged over the batch', async () => {
    const model = tinyModel('iwaeLoss', 1);
    const diag = await computeDiagnostics(model, test, { repeats: 1, seed: 2, essSamples: 10, batchSize: 25 });
    const post = exactPosterior();
    const perDim = [0, 0];
    for (let r = 0; r < 25; r++) {
      for (let j = 0; j < Q; j++) {
        const mu = post.c[j] + post.A[j].reduce((s, a, k) => s + a * test.x[r * D + k], 0);
        const s2 = Math.exp(post.logVar[j]);
        perDim[j] += (0.5 * ((s2 + mu * mu) / (NU * NU) - 1 - Math.log(s2) + Math.log(NU * NU))) / 25;
      }
    }
    expect(diag.klPerDim).toHaveLength(Q);
    diag.klPerDim!.forEach((v, j) => expect(v).toBeCloseTo(perDim[j], 4));
    expect(diag.klPerDim!.reduce((s, v) => s + v, 0)).toBeCloseTo(perDim[0] + perDim[1], 4);
    expect(diag.activeUnits).toBe(perDim.filter((v) => v > 0.01).length);
    model.dispose();
  });

  it('loses effective samples when the proposal is too wide', async () => {
    const exact = tinyModel('iwaeLoss', 1);
    const wide = tinyModel('iwaeLoss', 1, 2); // q's variance e² ≈ 7.4 times the posterior's
    const a = await computeDiagnostics(exact, test, { repeats: 1, seed: 3, essSamples: 100 });
    const b = await computeDiagnostics(wide, test, { repeats: 1, seed: 3, essSamples: 100 });
    expect(b.ess!.encoder!).toBeLessThan(0.9 * a.ess!.encoder!);
    // …while its KL to the prior falls: the posterior is narrower than the prior, so widening q moves it towards p.
    expect(b.klPerDim!.reduce((s, v) => s + v, 0)).toBeLessThan(a.klPerDim!.reduce((s, v) => s + v, 0));
    exact.dispose();
    wide.dispose();
  });

  it('gives the point-estimate autoencoder exactly zero loss and gradient spread, and only the prior ESS', async () => {
    const model = tinyModel('autoencoderLoss', 1);
    const diag = await computeDiagnostics(model, test, { repeats: 4, seed: 4, essSamples: 20 });
    expect(diag.lossSpread.std).toBe(0);
    expect(diag.gradient.variance).toBe(0);
    expect(diag.ess!.prior).toBeGreaterThan(0);
    expect(diag.ess!.encoder).toBeUndefined();
    expect(diag.klPerDim).toBeUndefined();
    model.dispose();
  });
});

describe('computeDiagnostics on the exact-NLL PPCA graph', () => {
  it('has zero loss spread, zero gradient variance, and the gradient norm of a float64 finite difference', async () => {
    const r = parseGraphText(readFileSync('graphs/ppca.json', 'utf8'), 'ppca.json');
    if (!r.ok) throw new Error(r.errors.join('\n'));
    const { test } = await loadRunData(r.doc, r.doc.training, nodeLoaders);
    const model = compileGraph(r.doc, { dataDim: test.d, seed: 1 });
    const before = tf.memory().numTensors;
    const diag = await computeDiagnostics(model, test, { repeats: 5, seed: 1 });
    expect(tf.memory().numTensors).toBe(before);
    expect(diag.lossSpread.std).toBe(0);
    expect(diag.gradient.variance).toBe(0);
    expect(diag.ess).toBeUndefined();
    expect(diag.klPerDim).toBeUndefined();

    // The model's own float32 weights, differentiated in float64 through a dense Cholesky NLL.
    const byName = new Map(model.variables.map((v) => [savedName(v), v]));
    const kernel = Array.from(await byName.get('decoder/kernel')!.data()); // [q, d] = Wᵀ
    const bias = Array.from(await byName.get('decoder/bias')!.data());
    const logVar = (await byName.get('likelihood/logVar')!.data())[0];
    const d = test.d;
    const B = 64;
    const xs = test.x.subarray(0, B * d);
    const params = [...kernel, ...bias, logVar];
    const nll = (p: number[]) => {
      const Wm = Array.from({ length: d }, (_, i) => [p[i], p[d + i]]);
      return mean(ppcaNllDense(xs, B, d, Wm, p.slice(2 * d, 3 * d), 1, Math.exp(p[3 * d])));
    };
    let norm2 = 0;
    const h = 1e-6;
    for (let k = 0; k < params.length; k++) {
      const up = params.slice();
      const down = params.slice();
      up[k] += h;
      down[k] -= h;
      norm2 += ((nll(up) - nll(down)) / (2 * h)) ** 2;
    }
    expect(diag.lossSpread.mean).toBeCloseTo(nll(params), 3);
    expect(diag.gradient.meanSquaredNorm / norm2).toBeCloseTo(1, 3);
    model.dispose();
  });
});

describe('computeDiagnostics on the MNIST VAE', () => {
  it('runs leak-free on the real graph, with ESS fractions in (0, 1] and one KL per latent dimension', async () => {
    const r = parseGraphText(readFileSync('graphs/vae.json', 'utf8'), 'vae.json');
    if (!r.ok) throw new Error(r.errors.join('\n'));
    const { test } = await loadRunData(r.doc, r.doc.training, nodeLoaders);
    const model = compileGraph(r.doc, { dataDim: test.d, seed: 1 });
    const before = tf.memory().numTensors;
    const t0 = performance.now();
    const diag = await computeDiagnostics(model, test, { repeats: 5, seed: 1 });
    console.log(`computeDiagnostics(graphs/vae.json, wasm, 5 repeats, K = 100, batch 64): ${(performance.now() - t0).toFixed(0)} ms`);
    expect(tf.memory().numTensors).toBe(before);
    expect(diag.lossSpread.std).toBeGreaterThan(0);
    expect(diag.gradient.variance).toBeGreaterThan(0);
    expect(Number.isFinite(diag.gradient.meanSquaredNorm)).toBe(true);
    for (const v of [diag.ess!.prior!, diag.ess!.encoder!]) {
      expect(v).toBeGreaterThan(0);
      expect(v).toBeLessThanOrEqual(1);
    }
    expect(diag.klPerDim).toHaveLength(20);
    expect(diag.activeUnits).toBeLessThanOrEqual(20);
    model.dispose();
  });
});
