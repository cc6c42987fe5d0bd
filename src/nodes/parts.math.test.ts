// Each estimator part, compiled in a small graph, against the same formula written here in
// float64 plain numbers: values, the gradients the stop-gradient parts must zero (and the
// ones they must keep), and the warm-up schedule of the weighted sum.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '#tf-gradients';
import { useNodeBackend } from '../cli/nodeBackend';
import { compileGraph, portKey, savedName, type CompiledModel } from '../compiler/compile';
import { emptyDoc, type GraphDoc } from '../graph/document';
import type { TrainingProgress, Value } from './runtime/types';
import { warmUpFactor } from './weightedSum/schedule';
import { Trainer } from '../training/trainer';

beforeAll(async () => {
  await useNodeBackend('cpu');
});

const D = 3;
type NodeDef = [id: string, kind: string, params?: Record<string, unknown>];

/**
 * A graph of `nodes` wired by `edges` ('node.port' → 'node.port'), with a synthetic data node
 * of width D and, unless the nodes hold one, an objective of its own that the parts under
 * test do not feed (a graph compiles only with an objective).
 */
function partsDoc(nodes: NodeDef[], edges: [string, string][]): GraphDoc {
  const doc = emptyDoc('parts');
  if (!nodes.some(([, kind]) => kind === 'objective')) {
    nodes = [...nodes, ['keepPrior', 'gaussian', { dim: 1 }], ['keepZ', 'sampler', { samples: 1 }], ['keepTerm', 'logDensity'], ['keep', 'objective']];
    edges = [...edges, ['keepPrior.dist', 'keepZ.dist'], ['keepPrior.dist', 'keepTerm.dist'], ['keepZ.z', 'keepTerm.value'], ['keepTerm.term', 'keep.term']];
  }
  for (const [id, kind, params] of [['data', 'data', { source: 'synthetic', d: D, q: 2, n: 10, seed: 1, noise: 0.3 }] as NodeDef, ...nodes]) {
    doc.nodes.push({ id, kind, params: params ?? {}, position: { x: 0, y: 0 } });
  }
  for (const [from, to] of edges) {
    const [source, sourcePort] = from.split('.');
    const [target, targetPort] = to.split('.');
    doc.edges.push({ id: `${from}-${to}`, source, sourcePort, target, targetPort });
  }
  return doc;
}

const compile = (doc: GraphDoc): CompiledModel => compileGraph(doc, { dataDim: D, seed: 1 });

const X = [
  [0.2, 1.0, 0.0],
  [1.0, 0.35, 0.9],
];
const Bn = X.length;

/** Evaluates one output with some outputs fixed to given tensors (`'node.port'` → value). */
function evalWith(m: CompiledModel, out: string, fixed: Record<string, Value>, progress?: TrainingProgress, x = X): tf.Tensor {
  const [node, port] = out.split('.');
  const overrides = new Map(Object.entries(fixed).map(([k, v]) => [portKey(k.split('.')[0], k.split('.')[1]), v]));
  const xt = tf.tensor2d(x);
  const v = m.evaluator(xt, 7, overrides, progress)(node, port) as tf.Tensor;
  xt.dispose();
  return v;
}
const arr = (t: tf.Tensor) => {
  const a = t.arraySync();
  t.dispose();
  return a as never;
};

const LOG2PI = Math.log(2 * Math.PI);
const softplus = (l: number) => Math.max(l, 0) + Math.log1p(Math.exp(-Math.abs(l)));
const lme64 = (a: number[]) => {
  const m = Math.max(...a);
  return m + Math.log(a.reduce((s, v) => s + Math.exp(v - m), 0) / a.length);
};
const softmax64 = (a: number[]) => {
  const m = Math.max(...a);
  const e = a.map((v) => Math.exp(v - m));
  const z = e.reduce((s, v) => s + v, 0);
  return e.map((v) => v / z);
};
const column = (t: number[][], n: number) => t.map((row) => row[n]);
type Nested = number[] | number[][] | number[][][];
const expectClose = (got: Nested, want: Nested, tol: number) => {
  const g = (got as number[]).flat(2) as number[];
  const w = (want as number[]).flat(2) as number[];
  expect(g.length).toBe(w.length);
  g.forEach((v, i) => expect(Math.abs(v - w[i]), `entry ${i}: ${v} vs ${w[i]}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(w[i]))));
};

describe('logDensity', () => {
  const M = [
    [[0.1, -0.4, 2.0], [1.5, 0.2, -0.3]],
    [[-1.0, 0.7, 0.4], [0.0, 0.0, 3.0]],
  ]; // [S = 2, B, D]
  const V = [
    [[0.0, -1.2, 0.8], [2.0, -0.5, 0.1]],
    [[-2.0, 0.3, 0.0], [0.5, 1.0, -1.5]],
  ];

  it('of a diagonal Gaussian with a log-variance is −½ Σ (log 2π + v + (x − m)² e^{−v}), one per sample and example', () => {
    const m = compile(
      partsDoc([['mu', 'linear', { units: 'data' }], ['lv', 'linear', { units: 'data' }], ['g', 'gaussian', { dim: D }], ['ld', 'logDensity']], [
        ['data.x', 'mu.in'], ['data.x', 'lv.in'], ['mu.out', 'g.mean'], ['lv.out', 'g.logvar'], ['g.dist', 'ld.dist'], ['data.x', 'ld.value'],
      ]),
    );
    const got = arr(evalWith(m, 'ld.term', { 'mu.out': tf.tensor3d(M), 'lv.out': tf.tensor3d(V) })) as number[][];
    const want = M.map((ms, s) => ms.map((mean, n) => X[n].reduce((acc, x, i) => acc - 0.5 * (LOG2PI + V[s][n][i] + (x - mean[i]) ** 2 * Math.exp(-V[s][n][i])), 0)));
    expectClose(got, want, 1e-5);
    m.dispose();
  });

  it('of N(m, σ²I) with a fixed σ is −(d/2) log(2πσ²) − ‖x − m‖² / (2σ²)', () => {
    const sigma = 0.6;
    const m = compile(partsDoc([['mu', 'linear', { units: 'data' }], ['g', 'gaussian', { scaleMode: 'fixed', scale: sigma }], ['ld', 'logDensity']], [['data.x', 'mu.in'], ['mu.out', 'g.mean'], ['g.dist', 'ld.dist'], ['data.x', 'ld.value']]));
    const got = arr(evalWith(m, 'ld.term', { 'mu.out': tf.tensor3d(M) })) as number[][];
    const want = M.map((ms) => ms.map((mean, n) => -(D / 2) * Math.log(2 * Math.PI * sigma * sigma) - X[n].reduce((acc, x, i) => acc + (x - mean[i]) ** 2, 0) / (2 * sigma * sigma)));
    expectClose(got, want, 1e-5);
    m.dispose();
  });

  it('of a Bernoulli with logits ℓ is Σ [x ℓ − softplus(ℓ)], also for large logits and grey values', () => {
    const L = [[[30, -30, 0.4], [-2.5, 12, -0.1]]];
    const m = compile(partsDoc([['lg', 'linear', { units: 'data' }], ['b', 'bernoulli'], ['ld', 'logDensity']], [['data.x', 'lg.in'], ['lg.out', 'b.logits'], ['b.dist', 'ld.dist'], ['data.x', 'ld.value']]));
    const got = arr(evalWith(m, 'ld.term', { 'lg.out': tf.tensor3d(L) })) as number[][];
    const want = L.map((ls) => ls.map((l, n) => X[n].reduce((acc, x, i) => acc + x * l[i] - softplus(l[i]), 0)));
    expectClose(got, want, 1e-5);
    m.dispose();
  });
});

describe('analyticKl', () => {
  const MU = [[[0.3, -1.2], [2.0, 0.1]]];
  const LV = [[[-0.5, 0.4], [1.1, -2.0]]];
  const doc = (p: NodeDef[], pEdges: [string, string][]) =>
    partsDoc([['mu', 'linear', { units: 2 }], ['lv', 'linear', { units: 2 }], ['q', 'gaussian', { dim: 2 }], ...p, ['kl', 'analyticKl']], [
      ['data.x', 'mu.in'], ['data.x', 'lv.in'], ['mu.out', 'q.mean'], ['lv.out', 'q.logvar'], ['q.dist', 'kl.q'], ['p.dist', 'kl.p'], ...pEdges,
    ]);

  it("against a prior N(0, ν²I) is DESIGN.md's ½ Σ [(s² + μ²)/ν² − 1 − log s² + log ν²]", () => {
    const nu = 1.3;
    const m = compile(doc([['p', 'gaussian', { dim: 2, scaleMode: 'fixed', scale: nu }]], []));
    const got = arr(evalWith(m, 'kl.term', { 'mu.out': tf.tensor3d(MU), 'lv.out': tf.tensor3d(LV) })) as number[][];
    const want = [MU[0].map((mu, n) => 0.5 * mu.reduce((acc, u, i) => acc + (Math.exp(LV[0][n][i]) + u * u) / (nu * nu) - 1 - LV[0][n][i] + Math.log(nu * nu), 0))];
    expect(got.length).toBe(1);
    expectClose(got, want, 1e-5);
    m.dispose();
  });

  it('between two diagonal Gaussians is ½ Σ [(s² + (μ − m)²)/t² − 1 − log s² + log t²]', () => {
    const PM = [[[1.0, 0.5], [-0.7, 0.0]]];
    const PV = [[[0.2, -0.3], [0.0, 0.9]]];
    const m = compile(doc([['pm', 'linear', { units: 2 }], ['pv', 'linear', { units: 2 }], ['p', 'gaussian', { dim: 2 }]], [['data.x', 'pm.in'], ['data.x', 'pv.in'], ['pm.out', 'p.mean'], ['pv.out', 'p.logvar']]));
    const got = arr(evalWith(m, 'kl.term', { 'mu.out': tf.tensor3d(MU), 'lv.out': tf.tensor3d(LV), 'pm.out': tf.tensor3d(PM), 'pv.out': tf.tensor3d(PV) })) as number[][];
    const want = [MU[0].map((mu, n) => 0.5 * mu.reduce((acc, u, i) => acc + (Math.exp(LV[0][n][i]) + (u - PM[0][n][i]) ** 2) / Math.exp(PV[0][n][i]) - 1 - LV[0][n][i] + PV[0][n][i], 0))];
    expectClose(got, want, 1e-5);
    m.dispose();
  });
});

/** J-sample terms: log-densities of a prior at J draws, whose outputs the tests fix to their own values. */
const termNodes = (J: number, ids: string[]): { nodes: NodeDef[]; edges: [string, string][] } => ({
  nodes: [['prior', 'gaussian', { dim: 2 }], ['zs', 'sampler', { samples: J }], ['z1', 'sampler', { samples: 1 }], ...ids.map((id): NodeDef => [id, 'logDensity'])],
  edges: [['prior.dist', 'zs.dist'], ['prior.dist', 'z1.dist'], ...ids.flatMap((id): [string, string][] => [['prior.dist', `${id}.dist`], [id.endsWith('1') ? 'z1.z' : 'zs.z', `${id}.value`]])],
});

describe('weightedSum', () => {
  const T = {
    a: [[1.5, -2.0], [0.25, 4.0], [-3.0, 0.5]],
    b: [[-0.5, 10.0], [2.0, -1.0], [0.0, 7.5]],
    c: [[3.0, 3.0], [-1.25, 0.0], [2.5, -6.0]],
    d: [[0.75, -4.0]], // one sample: it broadcasts over the three of the others
  };
  const doc = (params: Record<string, unknown>, slots = ['a', 'b', 'c', 'd']) => {
    const t = termNodes(3, ['ta', 'tb', 'tc', 'td1']);
    const src: Record<string, string> = { a: 'ta', b: 'tb', c: 'tc', d: 'td1' };
    return partsDoc([...t.nodes, ['ws', 'weightedSum', params]], [...t.edges, ...slots.map((s): [string, string] => [`${src[s]}.term`, `ws.${s}`])]);
  };
  const fixed = () => ({ 'ta.term': tf.tensor2d(T.a), 'tb.term': tf.tensor2d(T.b), 'tc.term': tf.tensor2d(T.c), 'td1.term': tf.tensor2d(T.d) });
  const hand = (w: Record<string, number>, slots = ['a', 'b', 'c', 'd']) =>
    T.a.map((row, s) => row.map((_, n) => slots.reduce((acc, k) => acc + w[k] * T[k as keyof typeof T][k === 'd' ? 0 : s][n], 0)));

  it('is Σ_k w_k t_k per sample and example, a one-sample term broadcast over the samples', () => {
    const w = { a: 0.5, b: -2, c: 3.25, d: -1 };
    const m = compile(doc({ wa: w.a, wb: w.b, wc: w.c, wd: w.d }));
    expectClose(arr(evalWith(m, 'ws.term', fixed())), hand(w), 1e-6);
    m.dispose();
  });

  it('leaves out an unconnected slot, whatever its coefficient', () => {
    const m = compile(doc({ wa: 2, wb: 100, wc: -1 }, ['a', 'c']));
    expectClose(arr(evalWith(m, 'ws.term', fixed())), hand({ a: 2, c: -1 }, ['a', 'c']), 1e-6);
    m.dispose();
  });

  it('multiplies the warmed coefficient by min(1, t/N) of the progress given, and by 1 outside training', () => {
    const m = compile(doc({ wa: 1, wb: -4, wc: 1, wd: 1, warmUp: 'linear', warmUpOn: 'b', warmUpUnit: 'steps', warmUpLength: 12 }, ['a', 'b']));
    for (const [progress, f] of [[{ step: 0, stepsPerEpoch: 10 }, 0], [{ step: 3, stepsPerEpoch: 10 }, 0.25], [{ step: 12, stepsPerEpoch: 10 }, 1], [{ step: 50, stepsPerEpoch: 10 }, 1], [undefined, 1]] as const) {
      expectClose(arr(evalWith(m, 'ws.term', fixed(), progress)), hand({ a: 1, b: -4 * f }, ['a', 'b']), 1e-6);
    }
    m.dispose();
  });
});

describe('warmUpFactor', () => {
  it('over N steps: 0, ½, 1, 1 at steps 0, N/2, N, 2N', () => {
    const w = { unit: 'steps' as const, length: 8 };
    expect([0, 4, 8, 16].map((step) => warmUpFactor(w, { step, stepsPerEpoch: 3 }))).toEqual([0, 0.5, 1, 1]);
    expect(warmUpFactor(w, { step: 1, stepsPerEpoch: 3 })).toBe(1 / 8);
  });

  it('over N epochs: counts epochs in steps / stepsPerEpoch, fractions included', () => {
    const w = { unit: 'epochs' as const, length: 4 };
    const at = (step: number) => warmUpFactor(w, { step, stepsPerEpoch: 25 });
    expect([0, 50, 100, 200].map(at)).toEqual([0, 0.5, 1, 1]);
    expect(at(10)).toBeCloseTo(10 / 25 / 4, 12);
  });

  it('is 1 outside training', () => {
    expect(warmUpFactor({ unit: 'epochs', length: 5 }, undefined)).toBe(1);
  });
});

describe('reduceSamples', () => {
  // Log weights of hundreds of nats, as an MNIST digit's are: e^{±1000} overflows float32 and float64.
  const T = [[1000, -1000, 3.0], [1001.5, -1003, -2.0], [998, -999.25, 0.5], [1000.2, -1000, 10.0]]; // [S = 4, B = 3]
  const LW = [[0.0, -700, 1.0], [2.0, -702, 1.0], [-1.0, -699, 1.0], [0.5, -710, 1.0]];
  const doc = (op: string, withWeights: boolean) => {
    const t = termNodes(4, ['t', 'lw']);
    return partsDoc([...t.nodes, ['sw', 'sampleWeights'], ['r', 'reduceSamples', { op }]], [...t.edges, ['lw.term', 'sw.logWeights'], ['t.term', 'r.term'], ...(withWeights ? [['sw.weights', 'r.weights'] as [string, string]] : [])]);
  };
  const run = (op: string, withWeights = false) => {
    const m = compile(doc(op, withWeights));
    const X3 = [...X, X[0]];
    const got = arr(evalWith(m, 'r.term', { 't.term': tf.tensor2d(T), 'lw.term': tf.tensor2d(LW) }, undefined, X3)) as number[][];
    m.dispose();
    expect(got.length).toBe(1);
    return got[0];
  };

  it('mean: (1/J) Σ_j t_j', () => {
    expectClose(run('mean'), [0, 1, 2].map((n) => column(T, n).reduce((s, v) => s + v, 0) / 4), 1e-6);
  });

  it('log-mean-exp: log (1/J) Σ_j e^{t_j}, finite for terms of ±1000 nats', () => {
    const got = run('logMeanExp');
    expect(got.every(Number.isFinite)).toBe(true);
    expectClose(got, [0, 1, 2].map((n) => lme64(column(T, n))), 1e-6);
  });

  it('weighted: Σ_j w̃_j t_j with w̃ the softmax over samples of the log weights', () => {
    expectClose(run('weighted', true), [0, 1, 2].map((n) => softmax64(column(LW, n)).reduce((s, w, j) => s + w * T[j][n], 0)), 1e-6);
  });
});

describe('sampleWeights', () => {
  const LW = [[0.0, -700, 5.0], [2.0, -702, 5.0], [-1.0, -699, 5.0]]; // [S = 3, B = 3]
  const C = [[1.0, -2.0, 0.5], [3.0, 0.5, -1.0], [-0.5, 1.5, 2.0]];
  const model = (params: Record<string, unknown>) => {
    const t = termNodes(3, ['lw']);
    return compile(partsDoc([...t.nodes, ['sw', 'sampleWeights', params]], [...t.edges, ['lw.term', 'sw.logWeights']]));
  };
  const X3 = [...X, X[0]];
  const weights = (m: CompiledModel, lw: tf.Tensor) => evalWith(m, 'sw.weights', { 'lw.term': lw }, undefined, X3);
  const softmaxCols = () => {
    const cols = [0, 1, 2].map((n) => softmax64(column(LW, n)));
    return LW.map((_, j) => cols.map((c) => c[j]));
  };

  it('normalised: w̃_j = softmax_j(log w_j), one distribution over the samples per example', () => {
    const m = model({ power: 'normalised' });
    expectClose(arr(weights(m, tf.tensor2d(LW))), softmaxCols(), 1e-6);
    m.dispose();
  });

  it('squared: w̃_j², as DReG’s encoder weighs', () => {
    const m = model({ power: 'squared' });
    expectClose(arr(weights(m, tf.tensor2d(LW))), softmaxCols().map((r) => r.map((w) => w * w)), 1e-6);
    m.dispose();
  });

  it('held fixed (the default): no gradient reaches the log weights', () => {
    for (const power of ['normalised', 'squared']) {
      const m = model({ power });
      const g = arr(tf.grad((lw: tf.Tensor) => tf.sum(tf.mul(tf.tensor2d(C), weights(m, lw))))(tf.tensor2d(LW))) as number[][];
      expectClose(g, LW.map((r) => r.map(() => 0)), 0);
      m.dispose();
    }
  });

  it('not held fixed: the softmax’s own gradient, ∂Σc w̃/∂ℓ_k = w̃_k (c_k − Σ c w̃), and 2 w̃_k (c_k w̃_k − Σ c w̃²) squared', () => {
    const cases = { normalised: (w: number[], c: number[], k: number) => w[k] * (c[k] - c.reduce((s, ci, j) => s + ci * w[j], 0)), squared: (w: number[], c: number[], k: number) => 2 * w[k] * (c[k] * w[k] - c.reduce((s, ci, j) => s + ci * w[j] * w[j], 0)) };
    for (const [power, d] of Object.entries(cases)) {
      const m = model({ power, holdFixed: false });
      const g = arr(tf.grad((lw: tf.Tensor) => tf.sum(tf.mul(tf.tensor2d(C), weights(m, lw))))(tf.tensor2d(LW))) as number[][];
      const want = LW.map((_, k) => [0, 1, 2].map((n) => d(softmax64(column(LW, n)), column(C, n), k)));
      expectClose(g, want, 1e-5);
      m.dispose();
    }
  });
});

describe('stopGradient and stopGradientDist', () => {
  const L = [[[0.4, -1.1], [2.0, 0.3]]];
  const nu = 1.3;

  it('stopGradient passes the tensor unchanged and no gradient back; without it, ∂ log N(v | 0, ν²) / ∂v = −v/ν²', () => {
    const doc = (stop: boolean) =>
      partsDoc([['v', 'linear', { units: 2 }], ...(stop ? [['sg', 'stopGradient'] as NodeDef] : []), ['prior', 'gaussian', { dim: 2, scale: nu }], ['ld', 'logDensity']], [
        ['data.x', 'v.in'], ...(stop ? [['v.out', 'sg.in'], ['sg.out', 'ld.value']] as [string, string][] : [['v.out', 'ld.value'] as [string, string]]), ['prior.dist', 'ld.dist'],
      ]);
    const stopped = compile(doc(true));
    expectClose(arr(evalWith(stopped, 'sg.out', { 'v.out': tf.tensor3d(L) })), L.map((r) => r.map((v) => v.map(Math.fround))), 0);
    const grad = (m: CompiledModel) => arr(tf.grad((v: tf.Tensor) => tf.sum(evalWith(m, 'ld.term', { 'v.out': v })))(tf.tensor3d(L))) as number[][][];
    expectClose(grad(stopped), L.map((r) => r.map((v) => v.map(() => 0))), 0);
    const open = compile(doc(false));
    expectClose(grad(open), L.map((r) => r.map((v) => v.map((u) => -u / (nu * nu)))), 1e-6);
    stopped.dispose();
    open.dispose();
  });

  it("stopGradientDist keeps log q's value and its gradient in the value, and zeros the gradients of q's mean and log-variance", () => {
    const MU = [[[0.1, 0.5], [-1.0, 0.2]]];
    const LV = [[[0.3, -0.6], [1.0, 0.0]]];
    const doc = (stop: boolean) =>
      partsDoc([['mu', 'linear', { units: 2 }], ['lv', 'linear', { units: 2 }], ['v', 'linear', { units: 2 }], ['q', 'gaussian', { dim: 2 }], ...(stop ? [['qf', 'stopGradientDist'] as NodeDef] : []), ['ld', 'logDensity']], [
        ['data.x', 'mu.in'], ['data.x', 'lv.in'], ['data.x', 'v.in'], ['mu.out', 'q.mean'], ['lv.out', 'q.logvar'], ['v.out', 'ld.value'],
        ...(stop ? [['q.dist', 'qf.dist'], ['qf.dist', 'ld.dist']] as [string, string][] : [['q.dist', 'ld.dist'] as [string, string]]),
      ]);
    const grads = (m: CompiledModel) =>
      tf.grads((v: tf.Tensor, mu: tf.Tensor, lv: tf.Tensor) => tf.sum(evalWith(m, 'ld.term', { 'v.out': v, 'mu.out': mu, 'lv.out': lv })))([tf.tensor3d(L), tf.tensor3d(MU), tf.tensor3d(LV)]).map(arr) as number[][][][];
    const r = L.map((rs, s) => rs.map((v, n) => v.map((u, i) => (u - MU[s][n][i]) * Math.exp(-LV[s][n][i])))); // (v − μ)/s²
    const zero = L.map((rs) => rs.map((v) => v.map(() => 0)));
    const stopped = compile(doc(true));
    const value = (m: CompiledModel) => arr(evalWith(m, 'ld.term', { 'v.out': tf.tensor3d(L), 'mu.out': tf.tensor3d(MU), 'lv.out': tf.tensor3d(LV) })) as number[][];
    const want = L.map((rs, s) => rs.map((v, n) => v.reduce((acc, u, i) => acc - 0.5 * (LOG2PI + LV[s][n][i] + (u - MU[s][n][i]) ** 2 * Math.exp(-LV[s][n][i])), 0)));
    expectClose(value(stopped), want, 1e-6);
    const [gv, gmu, glv] = grads(stopped);
    expectClose(gv, r.map((rs) => rs.map((v) => v.map((u) => -u))), 1e-6);
    expectClose(gmu, zero, 0);
    expectClose(glv, zero, 0);
    const open = compile(doc(false));
    const [ov, omu, olv] = grads(open);
    expectClose(ov, r.map((rs) => rs.map((v) => v.map((u) => -u))), 1e-6);
    expectClose(omu, r, 1e-6);
    expectClose(olv, L.map((rs, s) => rs.map((v, n) => v.map((u, i) => -0.5 + 0.5 * (u - MU[s][n][i]) ** 2 * Math.exp(-LV[s][n][i])))), 1e-6);
    stopped.dispose();
    open.dispose();
  });
});

describe('objective', () => {
  it('is the term negated, one loss per example: lossPerExample = −t', () => {
    const t = termNodes(1, ['t1']);
    const m = compile(partsDoc([...t.nodes, ['obj', 'objective']], [...t.edges, ['t1.term', 'obj.term']]));
    const T = [[2.5, -310.25]];
    expectClose(arr(evalWith(m, 'obj.loss', { 't1.term': tf.tensor2d(T) })), [-2.5, 310.25], 0);
    // Unfixed, the term is log N(z | 0, I) at the sampler's draw: the loss is its negation.
    const xt = tf.tensor2d(X);
    const [z, loss] = tf.tidy(() => [m.evaluator(xt, 3)('z1', 'z') as tf.Tensor, m.lossPerExample(xt, 3)]).map(arr) as unknown as [number[][][], number[]];
    xt.dispose();
    expectClose(loss, z[0].map((zn) => zn.reduce((s, v) => s + 0.5 * (LOG2PI + v * v), 0)), 1e-6);
    m.dispose();
  });
});

describe('a training step uses the warmed coefficient', () => {
  it('Trainer.step with progress takes the SGD step of −mean(log N(v|0,1) − 3·min(1, t/8)·log N(v|0,0.7²)), v = x K + b', () => {
    const doc = partsDoc(
      [['v', 'linear', { units: 2 }], ['pa', 'gaussian', { dim: 2, scale: 1 }], ['pb', 'gaussian', { dim: 2, scale: 0.7 }], ['la', 'logDensity'], ['lb', 'logDensity'], ['ws', 'weightedSum', { wa: 1, wb: -3, warmUp: 'linear', warmUpOn: 'b', warmUpUnit: 'steps', warmUpLength: 8 }], ['obj', 'objective']],
      [['data.x', 'v.in'], ['pa.dist', 'la.dist'], ['v.out', 'la.value'], ['pb.dist', 'lb.dist'], ['v.out', 'lb.value'], ['la.term', 'ws.a'], ['lb.term', 'ws.b'], ['ws.term', 'obj.term']],
    );
    const lr = 0.1;
    for (const [step, factor] of [[2, 0.25], [6, 0.75], [20, 1]] as const) {
      const m = compile(doc);
      const byName = new Map(m.variables.map((v) => [savedName(v), v]));
      const K = byName.get('v/kernel')!.arraySync() as number[][]; // [D, 2]
      const b = byName.get('v/bias')!.arraySync() as number[];
      const beta = -3 * factor;
      const vOf = (x: number[]) => [0, 1].map((j) => x.reduce((s, xi, i) => s + xi * K[i][j], 0) + b[j]);
      const logN = (v: number[], s: number) => v.reduce((acc, u) => acc - 0.5 * (LOG2PI + Math.log(s * s) + (u * u) / (s * s)), 0);
      const loss64 = -X.reduce((acc, x) => acc + logN(vOf(x), 1) + beta * logN(vOf(x), 0.7), 0) / Bn;
      // ∂loss/∂v_n = (1/B) (v_n/1² + β v_n/0.7²)
      const dv = X.map((x) => vOf(x).map((u) => (u + (beta * u) / 0.49) / Bn));
      const gK = K.map((row, i) => row.map((_, j) => X.reduce((s, x, n) => s + x[i] * dv[n][j], 0)));
      const gb = [0, 1].map((j) => dv.reduce((s, d) => s + d[j], 0));
      const trainer = new Trainer(m, tf.train.sgd(lr));
      const xt = tf.tensor2d(X);
      const loss = arr(trainer.step(xt, 1, { step, stepsPerEpoch: 1000 })) as number;
      xt.dispose();
      expect(Math.abs(loss - loss64)).toBeLessThan(1e-5 * Math.abs(loss64));
      expectClose(byName.get('v/kernel')!.arraySync() as number[][], K.map((row, i) => row.map((k, j) => k - lr * gK[i][j])), 1e-5);
      expectClose(byName.get('v/bias')!.arraySync() as number[], b.map((v, j) => v - lr * gb[j]), 1e-5);
      trainer.dispose();
      m.dispose();
    }
  });
});
