// A tiny linear-Gaussian latent-variable model whose exact likelihood and posterior are
// known in closed form, wired as a graph with any of the estimators. Tests of the
// estimators and of the diagnostics build on it.
import * as tf from '@tensorflow/tfjs-core';
import { compileGraph, savedName, type CompiledModel } from '../compiler/compile';
import { emptyDoc, type GraphDoc } from '../graph/document';

export const D = 4;
export const Q = 2;
export const NU = 1.3;
export const SIGMA = 0.5;
// Orthogonal columns: WᵀW is diagonal, so the exact posterior covariance σ²M⁻¹ is diagonal
// and a diagonal-Gaussian encoder can represent the exact posterior.
export const W = [
  [1.0, 0.5],
  [0.5, -1.0],
  [1.0, 0.0],
  [0.0, 1.5],
]; // d×q
export const B_VEC = [0.3, -0.2, 0.1, 0.5];

/** Three examples x ∈ R^D the estimator tests evaluate on. */
export const FIXTURE_X = [
  [1.2, -0.3, 0.9, 0.8],
  [-0.5, 0.7, -0.2, -1.1],
  [0.1, 0.2, 0.3, 0.4],
];

export const transpose = (m: number[][]) => m[0].map((_, j) => m.map((r) => r[j]));

export type FixtureLoss = 'iwaeLoss' | 'elboLoss' | 'mcPriorLoss' | 'autoencoderLoss';

export interface Encoder {
  A: number[][];
  c: number[];
  logVar: number[];
}

/** x → linear encoder (mean, log-variance) → q → sampler → linear decoder → likelihood → loss. */
export function fixtureGraph(loss: FixtureLoss, J: number, kl: 'analytic' | 'mc' = 'analytic', likelihood: 'gaussian' | 'bernoulli' = 'gaussian'): GraphDoc {
  const doc = emptyDoc('linear-Gaussian fixture');
  const n = (id: string, kind: string, params: Record<string, unknown> = {}) => doc.nodes.push({ id, kind, params, position: { x: 0, y: 0 } });
  const e = (s: string, sp: string, t: string, tp: string) => doc.edges.push({ id: `${s}.${sp}-${t}.${tp}`, source: s, sourcePort: sp, target: t, targetPort: tp });
  n('data', 'data', { source: 'synthetic', d: D, q: Q, n: 10, seed: 1, noise: 0.3 });
  n('prior', 'gaussian', { dim: Q, scaleMode: 'fixed', scale: NU });
  n('dec', 'linear', { units: 'data', bias: true });
  if (likelihood === 'gaussian') n('lik', 'gaussian', { dim: Q, scaleMode: 'fixed', scale: SIGMA });
  else n('lik', 'bernoulli');
  n('loss', loss, loss === 'elboLoss' ? { kl } : {});
  const sampleFrom = loss === 'mcPriorLoss' ? 'prior' : 'q';
  if (loss !== 'mcPriorLoss') {
    n('encMean', 'linear', { units: Q, bias: true });
    n('encLogvar', 'linear', { units: Q, bias: true });
    n('q', 'gaussian', { dim: Q });
    e('data', 'x', 'encMean', 'in');
    e('data', 'x', 'encLogvar', 'in');
    e('encMean', 'out', 'q', 'mean');
    e('encLogvar', 'out', 'q', 'logvar');
  }
  n('sampler', 'sampler', { samples: J, mode: loss === 'autoencoderLoss' ? 'mean' : 'reparam' });
  e(sampleFrom, 'dist', 'sampler', 'dist');
  e('sampler', 'z', 'dec', 'in');
  e('dec', 'out', 'lik', likelihood === 'gaussian' ? 'mean' : 'logits');
  e('data', 'x', 'loss', 'x');
  e('lik', 'dist', 'loss', 'likelihood');
  if (loss !== 'mcPriorLoss') {
    e('prior', 'dist', 'loss', 'prior');
    e('sampler', 'z', 'loss', 'z');
    if (loss !== 'autoencoderLoss') e('q', 'dist', 'loss', 'proposal');
  }
  return doc;
}

/** The exact posterior: mean A x + c (A = M⁻¹Wᵀ), diagonal log-variance log(σ²/M_jj). */
export function exactPosterior(): Encoder {
  const ratio = (SIGMA * SIGMA) / (NU * NU);
  const Mdiag = transpose(W).map((col) => col.reduce((s, v) => s + v * v, 0) + ratio);
  const A = transpose(W).map((col, i) => col.map((v) => v / Mdiag[i]));
  const c = A.map((row) => -row.reduce((s, v, k) => s + v * B_VEC[k], 0));
  const logVar = Mdiag.map((m) => Math.log((SIGMA * SIGMA) / m));
  return { A, c, logVar };
}

/** Sets the decoder to the true W, b and (when given) the encoder to `encoder`. */
export function setFixtureWeights(model: CompiledModel, encoder: Encoder | undefined): void {
  const byName = new Map(model.variables.map((v) => [savedName(v), v]));
  const set = (name: string, value: number[] | number[][]) =>
    tf.tidy(() => byName.get(name)?.assign(Array.isArray(value[0]) ? tf.tensor2d(value as number[][]) : tf.tensor1d(value as number[])));
  set('dec/kernel', transpose(W)); // kernel is [in, out] = Wᵀ
  set('dec/bias', B_VEC);
  if (encoder) {
    set('encMean/kernel', transpose(encoder.A));
    set('encMean/bias', encoder.c);
    set('encLogvar/kernel', W.map(() => Array(Q).fill(0)));
    set('encLogvar/bias', encoder.logVar);
  }
}

export function fixtureModel(doc: GraphDoc, encoder: Encoder | undefined): CompiledModel {
  const model = compileGraph(doc, { dataDim: D, seed: 1 });
  setFixtureWeights(model, encoder);
  return model;
}
