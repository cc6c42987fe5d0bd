// The gradient estimators built from parts — the reparameterised ELBO and IWAE, sticking the
// landing, DReG — on the linear-Gaussian fixture: their gradients against float64 formulas
// on the same samples, and, with q the exact posterior, the zero-variance property of STL
// and DReG (a zero encoder gradient for every single draw) that the plain estimators lack.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '#tf-gradients';
import { useNodeBackend } from '../cli/nodeBackend';
import { savedName, type CompiledModel } from '../compiler/compile';
import type { GraphDoc } from '../graph/document';
import { B_VEC, D, NU, Q, SIGMA, W, exactPosterior, fixtureGraph, fixtureModel, type Encoder } from '../testing/linearGaussianFixture';
import { objectiveGradients } from '../training/objectiveGradients';

beforeAll(async () => {
  await useNodeBackend('cpu');
});

type Estimator = 'elbo' | 'stl' | 'iwae' | 'dreg';

/** The fixture's model (encoder, q, sampler, linear decoder, likelihood) with its loss built from parts. */
function partsGraph(estimator: Estimator, J: number): GraphDoc {
  const doc = fixtureGraph('iwaeLoss', J);
  doc.nodes = doc.nodes.filter((n) => n.id !== 'loss');
  doc.edges = doc.edges.filter((e) => e.target !== 'loss');
  const n = (id: string, kind: string, params: Record<string, unknown> = {}) => doc.nodes.push({ id, kind, params, position: { x: 0, y: 0 } });
  const e = (from: string, to: string) => {
    const [source, sourcePort] = from.split('.');
    const [target, targetPort] = to.split('.');
    doc.edges.push({ id: `${from}-${to}`, source, sourcePort, target, targetPort });
  };
  const fixedQ = estimator === 'stl' || estimator === 'dreg';
  n('logLik', 'logDensity');
  n('logPrior', 'logDensity');
  n('logQ', 'logDensity');
  n('logW', 'weightedSum', { wa: 1, wb: 1, wc: -1 });
  e('lik.dist', 'logLik.dist');
  e('data.x', 'logLik.value');
  e('prior.dist', 'logPrior.dist');
  e('sampler.z', 'logPrior.value');
  if (fixedQ) {
    n('qFixed', 'stopGradientDist');
    e('q.dist', 'qFixed.dist');
    e('qFixed.dist', 'logQ.dist');
  } else e('q.dist', 'logQ.dist');
  e('sampler.z', 'logQ.value');
  e('logLik.term', 'logW.a');
  e('logPrior.term', 'logW.b');
  e('logQ.term', 'logW.c');
  const elboLike = estimator === 'elbo' || estimator === 'stl';
  n('reduce', 'reduceSamples', { op: elboLike ? 'mean' : 'logMeanExp' });
  e('logW.term', 'reduce.term');
  n('objective', 'objective', { scope: estimator === 'dreg' ? 'decoder' : 'all' });
  e('reduce.term', 'objective.term');
  if (estimator === 'dreg') {
    n('weights', 'sampleWeights', { power: 'squared', holdFixed: true });
    n('encSum', 'reduceSamples', { op: 'weighted' });
    n('encObjective', 'objective', { scope: 'encoder', reported: false });
    e('logW.term', 'weights.logWeights');
    e('logW.term', 'encSum.term');
    e('weights.weights', 'encSum.weights');
    e('encSum.term', 'encObjective.term');
  }
  return doc;
}

const X = [
  [1.2, -0.3, 0.9, 0.8],
  [-0.5, 0.7, -0.2, -1.1],
  [0.1, 0.2, 0.3, 0.4],
  [2.0, 1.5, -1.0, 0.0],
];

const ENCODER_VARS = ['encMean/kernel', 'encMean/bias', 'encLogvar/kernel', 'encLogvar/bias'];
const DECODER_VARS = ['dec/kernel', 'dec/bias'];

/** The gradient every objective of the model sends, summed (by variable's saved name), and the samples z [J, B, Q] drawn. */
function gradients(model: CompiledModel, x: number[][], seed: number): { g: Record<string, number[]>; z: number[][][] } {
  const xt = tf.tensor2d(x);
  const out = tf.tidy(() => {
    const { grads, reported } = objectiveGradients(model, xt, seed);
    reported.dispose();
    const z = model.evaluator(xt, seed)('sampler', 'z') as tf.Tensor;
    return { grads: Object.entries(grads).map(([k, t]) => [k, tf.keep(t)] as const), z: tf.keep(z) };
  });
  xt.dispose();
  const byName = new Map(model.variables.map((v) => [v.name, savedName(v)]));
  const g = Object.fromEntries(out.grads.map(([k, t]) => [byName.get(k)!, Array.from(t.dataSync())]));
  out.grads.forEach(([, t]) => t.dispose());
  const z = out.z.arraySync() as number[][][];
  out.z.dispose();
  return { g, z };
}

const maxAbs = (gs: Record<string, number[]>, names: string[]) => Math.max(...names.flatMap((n) => gs[n].map(Math.abs)));

// ---- float64 reference, written from the formulas --------------------------------------
const LOG2PI = Math.log(2 * Math.PI);
const dot = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * b[i], 0);
const logN = (x: number[], m: number[], logVar: number[]) => x.reduce((s, xi, i) => s - 0.5 * (LOG2PI + logVar[i] + (xi - m[i]) ** 2 / Math.exp(logVar[i])), 0);
const decode = (z: number[]) => W.map((row, i) => dot(row, z) + B_VEC[i]);

/**
 * Per example n and sample j: log w, the score-free gradient g = ∂ log w / ∂z (q's parameters
 * held), h = ∂[log p(x|z) + log p(z)]/∂z, and ε, the noise z was made from.
 */
function perSample(enc: Encoder, x: number[], zs: number[][]) {
  const mu = enc.A.map((row, k) => dot(row, x) + enc.c[k]);
  const v = enc.logVar; // the log-variance layer's kernel is zero
  const s = v.map((vi) => Math.exp(0.5 * vi));
  return zs.map((z) => {
    const r = decode(z).map((m, i) => x[i] - m);
    const h = z.map((zk, k) => W.reduce((acc, row, i) => acc + (row[k] * r[i]) / SIGMA ** 2, 0) - zk / NU ** 2);
    const g = h.map((hk, k) => hk + (z[k] - mu[k]) / Math.exp(v[k]));
    const logW = logN(x, decode(z), Array(D).fill(Math.log(SIGMA ** 2))) + logN(z, Array(Q).fill(0), Array(Q).fill(Math.log(NU ** 2))) - logN(z, mu, v);
    return { logW, g, h, r, z, eps: z.map((zk, k) => (zk - mu[k]) / s[k]), s };
  });
}

/**
 * The batch-mean loss's gradient in the encoder's variables, from per-sample coefficients:
 * ∂L/∂μ_n = Σ_j a_nj ⊙ (a vector per sample) and ∂L/∂v_n = Σ_j b_nj.
 */
function encoderGrads(x: number[][], dMu: number[][], dV: number[][]): Record<string, number[]> {
  const kernel = (d: number[][]) => x[0].flatMap((_, i) => Array.from({ length: Q }, (_, k) => x.reduce((s, xn, n) => s + xn[i] * d[n][k], 0))); // [D, Q] row-major
  const bias = (d: number[][]) => Array.from({ length: Q }, (_, k) => d.reduce((s, dn) => s + dn[k], 0));
  return { 'encMean/kernel': kernel(dMu), 'encMean/bias': bias(dMu), 'encLogvar/kernel': kernel(dV), 'encLogvar/bias': bias(dV) };
}

function reference(estimator: Estimator, enc: Encoder, x: number[][], z: number[][][]): Record<string, number[]> {
  const B = x.length;
  const J = z.length;
  const dMu: number[][] = [];
  const dV: number[][] = [];
  const dDecKernel = Array(Q * D).fill(0); // [Q, D] = Wᵀ, row-major
  const dDecBias = Array(D).fill(0);
  x.forEach((xn, n) => {
    const ss = perSample(enc, xn, z.map((zj) => zj[n]));
    const m = Math.max(...ss.map((s) => s.logW));
    const e = ss.map((s) => Math.exp(s.logW - m));
    const wt = e.map((v) => v / e.reduce((a, b) => a + b, 0)); // w̃_j
    // The coefficient of each sample in the estimator's gradient, and what flows into μ and v.
    const coef = estimator === 'elbo' || estimator === 'stl' ? ss.map(() => 1 / J) : estimator === 'iwae' ? wt : wt.map((w) => w * w);
    const pathOf = (s: (typeof ss)[number]) => (estimator === 'elbo' || estimator === 'iwae' ? s.h : s.g);
    // Without the stop-gradient, log q = −½ Σ (log 2π + v + ε²) at z = μ + sε: ∂/∂μ = 0, ∂/∂v = −½.
    const scoreV = estimator === 'elbo' || estimator === 'iwae' ? 0.5 : 0;
    dMu.push(Array.from({ length: Q }, (_, k) => -ss.reduce((acc, s, j) => acc + coef[j] * pathOf(s)[k], 0) / B));
    dV.push(Array.from({ length: Q }, (_, k) => -ss.reduce((acc, s, j) => acc + coef[j] * (pathOf(s)[k] * 0.5 * s.s[k] * s.eps[k] + scoreV), 0) / B));
    // The decoder's gradient: IWAE's for iwae and dreg (Σ_j w̃_j ∇ log w_j), the mean for the ELBOs.
    const decCoef = estimator === 'elbo' || estimator === 'stl' ? ss.map(() => 1 / J) : wt;
    ss.forEach((s, j) => {
      for (let i = 0; i < D; i++) {
        dDecBias[i] -= (decCoef[j] * s.r[i]) / SIGMA ** 2 / B;
        for (let k = 0; k < Q; k++) dDecKernel[k * D + i] -= (decCoef[j] * s.z[k] * s.r[i]) / SIGMA ** 2 / B;
      }
    });
  });
  return { ...encoderGrads(x, dMu, dV), 'dec/kernel': dDecKernel, 'dec/bias': dDecBias };
}
// -----------------------------------------------------------------------------------------

const perturbed = (() => {
  const enc = exactPosterior();
  return { A: enc.A.map((r) => r.map((v) => v * 0.8)), c: enc.c.map((v) => v + 0.4), logVar: enc.logVar.map((v) => v + 0.5) };
})();

describe('gradients of the estimators from parts against float64 formulas on the same samples', () => {
  for (const [estimator, J] of [['elbo', 1], ['elbo', 4], ['stl', 4], ['iwae', 5], ['dreg', 5]] as const) {
    it(`${estimator}, J = ${J}: every variable's gradient`, () => {
      const model = fixtureModel(partsGraph(estimator, J), perturbed);
      const { g, z } = gradients(model, X, 21);
      const want = reference(estimator, perturbed, X, z);
      for (const name of [...ENCODER_VARS, ...DECODER_VARS]) {
        const scale = Math.max(...want[name].map(Math.abs), 1e-3);
        g[name].forEach((v, i) => expect(Math.abs(v - want[name][i]), `${name}[${i}]: ${v} vs ${want[name][i]}`).toBeLessThan(1e-4 * scale + 1e-6));
      }
      model.dispose();
    });
  }

  it('the fixture is a real test: the four estimators give four different encoder gradients', () => {
    const got = (['elbo', 'stl', 'iwae', 'dreg'] as const).map((est) => {
      const model = fixtureModel(partsGraph(est, 5), perturbed);
      const { g } = gradients(model, X, 21);
      model.dispose();
      return g['encMean/bias'];
    });
    for (let a = 0; a < got.length; a++) for (let b = a + 1; b < got.length; b++) {
      expect(Math.max(...got[a].map((v, i) => Math.abs(v - got[b][i])))).toBeGreaterThan(1e-3);
    }
  });
});

describe('with q the exact posterior, STL and DReG give a zero encoder gradient for every draw', () => {
  const exact = exactPosterior();
  const seeds = [1, 2, 3, 4, 5, 6];
  /** The largest encoder gradient over single examples and seeds: one example per batch, so per draw. */
  const worst = (estimator: Estimator, J: number) => {
    const model = fixtureModel(partsGraph(estimator, J), exact);
    let m = 0;
    for (const x of X) for (const seed of seeds) m = Math.max(m, maxAbs(gradients(model, [x], seed).g, ENCODER_VARS));
    model.dispose();
    return m;
  };

  it('STL (J = 1) is zero where the plain reparameterised ELBO is clearly not', () => {
    const plain = worst('elbo', 1);
    expect(plain).toBeGreaterThan(0.1);
    expect(worst('stl', 1)).toBeLessThan(1e-4 * plain);
  });

  it('DReG (J = 5) is zero where the plain IWAE-5 is clearly not', () => {
    const plain = worst('iwae', 5);
    expect(plain).toBeGreaterThan(0.1);
    expect(worst('dreg', 5)).toBeLessThan(1e-4 * plain);
  });

  it('and the decoder still learns under DReG, on IWAE’s own gradient', () => {
    const dreg = fixtureModel(partsGraph('dreg', 5), exact);
    const iwae = fixtureModel(partsGraph('iwae', 5), exact);
    const a = gradients(dreg, X, 9).g;
    const b = gradients(iwae, X, 9).g;
    for (const name of DECODER_VARS) a[name].forEach((v, i) => expect(Math.abs(v - b[name][i])).toBeLessThan(1e-5 * Math.max(1, Math.abs(b[name][i]))));
    expect(maxAbs(a, DECODER_VARS)).toBeGreaterThan(1e-3);
    dreg.dispose();
    iwae.dispose();
  });
});
