// The gallery's estimators-from-parts graphs: each analyses clean and trains on a slice of
// MNIST, and each gives what its built-in original or its hand-written formula gives on the
// same weights and the same samples.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '#tf-gradients';
import { readFileSync } from 'node:fs';
import { parseGraphText } from '../graph/parse';
import type { GraphDoc } from '../graph/document';
import { useNodeBackend } from '../cli/nodeBackend';
import { loadMnistNode } from '../data/mnistNode';
import { rows } from '../data/dataset';
import { analyzeGraph } from '../compiler/analyze';
import { compileGraph, savedName, type CompiledModel } from '../compiler/compile';
import { Trainer, makeOptimizer } from './trainer';
import { getSpec } from '../nodes/registry';
import { runTraining } from './run';
import { nodeLoaders } from '../cli/nodeLoaders';
import { objectiveGradients } from './objectiveGradients';
import type { TrainingProgress } from '../nodes/runtime/types';

const PART_GRAPHS = ['elbo-from-parts', 'iwae-from-parts', 'is-to-elbo', 'beta-vae', 'stl', 'dreg'];
const B = 48;
/** MNIST's 9,000 training digits in batches of 128, as a run of these graphs would step. */
const STEPS_PER_EPOCH = 71;

let x: tf.Tensor2D;
beforeAll(async () => {
  await useNodeBackend('wasm');
  const ds = await loadMnistNode();
  x = tf.tensor2d(rows(ds, Array.from({ length: B }, (_, i) => i * 7)), [B, ds.d]);
});
const models: CompiledModel[] = [];
afterAll(() => {
  models.forEach((m) => m.dispose());
  x.dispose();
});

function graph(name: string, edit?: (doc: GraphDoc) => void): GraphDoc {
  const r = parseGraphText(readFileSync(`graphs/${name}.json`, 'utf8'), `${name}.json`);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  edit?.(r.doc);
  return r.doc;
}

function compile(doc: GraphDoc, seed = 1): CompiledModel {
  const m = compileGraph(doc, { dataDim: 784, seed });
  models.push(m);
  return m;
}

const read = (t: tf.Tensor) => {
  const v = Array.from(t.dataSync());
  t.dispose();
  return v;
};
const perExample = (m: CompiledModel, seed: number, progress?: TrainingProgress, nodeId?: string) =>
  read(tf.tidy(() => (nodeId ? m.objectivePerExample(nodeId, x, seed, progress) : m.lossPerExample(x, seed, progress))));
const termOf = (m: CompiledModel, seed: number, nodeId: string) => read(tf.tidy(() => tf.reshape(m.evaluator(x, seed)(nodeId, 'term') as tf.Tensor, [-1])));
const gradsOf = (m: CompiledModel, seed: number, vars = m.variables) => {
  const { grads } = tf.variableGrads(() => tf.mean(m.lossPerExample(x, seed)) as tf.Scalar, vars);
  return Object.fromEntries(Object.entries(grads).map(([k, g]) => [savedName(m.variables.find((v) => v.name === k)!), read(g)]));
};
const maxAbs = (a: number[]) => a.reduce((s, v) => Math.max(s, Math.abs(v)), 0);
const maxDiff = (a: number[], b: number[]) => a.reduce((s, v, i) => Math.max(s, Math.abs(v - b[i])), 0);

describe('the estimators-from-parts graphs', () => {
  it.each(PART_GRAPHS)('%s analyses with no errors and no warnings, and loses weight on 20 Adam steps', (name) => {
    const r = parseGraphText(readFileSync(`graphs/${name}.json`, 'utf8'), `${name}.json`);
    expect(r.ok && r.warnings).toEqual([]);
    const doc = graph(name);
    expect(analyzeGraph(doc).errors).toEqual([]);
    const m = compile(doc);
    // The held-out NLL is importance-sampled with the graph's own q(z|x), as for the originals.
    expect(m.latent).toEqual({ z: { node: 'sampler', port: 'z' }, priorId: 'prior', proposalId: 'q', likelihoodId: 'lik' });
    const trainer = new Trainer(m, makeOptimizer({ optimizer: 'adam', learningRate: 1e-3 }));
    const losses: number[] = [];
    for (let step = 0; step < 20; step++) losses.push(read(trainer.step(x, 100 + step, { step, stepsPerEpoch: STEPS_PER_EPOCH }))[0]);
    trainer.dispose();
    expect(losses.every(Number.isFinite)).toBe(true);
    const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
    // From ~540 nats per digit the first steps fall by tens of nats: far beyond sampling noise.
    expect(mean(losses.slice(-5))).toBeLessThan(mean(losses.slice(0, 5)) - 20);
  }, 60_000);

  it('keeps the model and the training settings of their originals', () => {
    const pairs = [['elbo-from-parts', 'vae'], ['beta-vae', 'vae'], ['stl', 'vae'], ['iwae-from-parts', 'importance-sampling'], ['is-to-elbo', 'importance-sampling'], ['dreg', 'importance-sampling']];
    for (const [parts, original] of pairs) {
      const a = graph(parts);
      const b = graph(original);
      expect(a.training, parts).toEqual(b.training);
      // The same nodes with the same settings; where each sits is the layout's (each file is laid out on its own).
      const model = ({ position: _p, ...n }: GraphDoc['nodes'][number]) => n;
      for (const n of b.nodes.filter((n) => n.id !== 'loss')) {
        const m = a.nodes.find((x) => x.id === n.id);
        expect(m && model(m), `${parts}: ${n.id}`).toEqual(model(n));
      }
    }
  });

  it('lays the nodes out without overlaps, left to right from the data to the objectives', () => {
    for (const name of PART_GRAPHS) {
      const doc = graph(name);
      // The canvas draws a node 180–250 px wide: a header, a row per port (inputs beside
      // outputs) and a line of parameters.
      const box = (n: GraphDoc['nodes'][number]) => {
        const spec = getSpec(n.kind)!;
        return { x: n.position.x, y: n.position.y, w: 210, h: 50 + 20 * Math.max(spec.inputs.length, spec.outputs.length) + 24 };
      };
      const boxes = doc.nodes.map((n) => ({ id: n.id, ...box(n) }));
      for (const a of boxes) for (const b of boxes) {
        if (a.id >= b.id) continue;
        const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
        expect(overlap, `${name}: ${a.id} overlaps ${b.id}`).toBe(false);
      }
      const at = new Map(doc.nodes.map((n) => [n.id, n.position.x]));
      for (const e of doc.edges) expect(at.get(e.target)!, `${name}: ${e.id}`).toBeGreaterThan(at.get(e.source)!);
    }
  });
});

describe('a whole run', () => {
  it.each(['beta-vae', 'dreg'])('%s: one epoch of MNIST through runTraining, with a finite held-out NLL from q(z|x)', async (name) => {
    const r = await runTraining({ loaders: nodeLoaders, doc: graph(name), backend: await useNodeBackend('wasm'), settings: { epochs: 1, batchSize: 500, evalSamples: 4 } });
    expect(r.history).toHaveLength(1);
    expect(Number.isFinite(r.final.trainLoss)).toBe(true);
    expect(Number.isFinite(r.final.testNll)).toBe(true);
    expect(r.final.testNllMethod).toMatch(/q\(z\|x\) from the graph/);
  }, 120_000);
});

describe('the same numbers as the originals', () => {
  it('elbo-from-parts gives the VAE graph’s Negative ELBO to the last digit, and the same after training steps', () => {
    const parts = compile(graph('elbo-from-parts'));
    const original = compile(graph('vae'));
    expect(parts.variables.map(savedName)).toEqual(original.variables.map(savedName));
    expect(perExample(parts, 5)).toEqual(perExample(original, 5));
    const tp = new Trainer(parts, makeOptimizer({ optimizer: 'adam', learningRate: 1e-3 }));
    const to = new Trainer(original, makeOptimizer({ optimizer: 'adam', learningRate: 1e-3 }));
    for (let s = 0; s < 3; s++) {
      const [a] = read(tp.step(x, 40 + s));
      const [b] = read(to.step(x, 40 + s));
      expect(Math.abs(a - b)).toBeLessThan(1e-4 * Math.abs(b));
    }
    tp.dispose();
    to.dispose();
  });

  it('iwae-from-parts (and is-to-elbo as shipped) give the importance-sampling graph’s IWAE-5 to the last digit', () => {
    const want = perExample(compile(graph('importance-sampling')), 5);
    expect(perExample(compile(graph('iwae-from-parts')), 5)).toEqual(want);
    expect(perExample(compile(graph('is-to-elbo')), 5)).toEqual(want);
  });

  it('is-to-elbo’s one edit (log-mean-exp → mean) turns it into the negative ELBO, which is higher on every example (Jensen)', () => {
    const edited = graph('is-to-elbo', (d) => (d.nodes.find((n) => n.id === 'reduce')!.params.op = 'mean'));
    expect(analyzeGraph(edited).errors).toEqual([]);
    const iwae = perExample(compile(graph('is-to-elbo')), 9);
    const m = compile(edited);
    const elbo = perExample(m, 9);
    // The same samples: −ELBO is minus the plain mean of the log weights the IWAE reduced.
    const logW = termOf(m, 9, 'logW'); // [J = 5, B], sample-major
    for (let n = 0; n < B; n++) {
      const w = [0, 1, 2, 3, 4].map((j) => logW[j * B + n]);
      expect(elbo[n]).toBeCloseTo(-w.reduce((s, v) => s + v, 0) / 5, 2);
      expect(elbo[n]).toBeGreaterThanOrEqual(iwae[n]);
    }
    expect(elbo.reduce((s, v) => s + v, 0)).toBeGreaterThan(iwae.reduce((s, v) => s + v, 0));
  });

  it('beta-vae’s loss is −mean log p(x|z) + 4·min(1, t/5 epochs)·KL, at the end of training 4·KL', () => {
    const m = compile(graph('beta-vae'));
    const lik = termOf(m, 3, 'meanLik');
    const kl = termOf(m, 3, 'kl');
    for (const [step, factor] of [[0, 0], [142, 0.4], [355, 1], [710, 1]] as const) {
      const got = perExample(m, 3, { step, stepsPerEpoch: STEPS_PER_EPOCH });
      got.forEach((v, n) => expect(Math.abs(v - (-lik[n] + 4 * factor * kl[n]))).toBeLessThan(1e-4 * Math.abs(v) + 1e-3));
    }
    perExample(m, 3).forEach((v, n) => expect(Math.abs(v - (-lik[n] + 4 * kl[n]))).toBeLessThan(1e-4 * Math.abs(v)));
  });

  it('stl has the value of the ELBO with a Monte Carlo KL and its decoder gradient, but another encoder gradient', () => {
    const stl = compile(graph('stl'));
    const mc = compile(graph('vae', (d) => (d.nodes.find((n) => n.id === 'loss')!.params.kl = 'mc')));
    const a = perExample(stl, 11);
    const b = perExample(mc, 11);
    expect(maxDiff(a, b)).toBeLessThan(1e-4 * maxAbs(b));
    const ga = gradsOf(stl, 11);
    const gb = gradsOf(mc, 11);
    expect(Object.keys(gb).filter((k) => k.startsWith('dec/')).length).toBeGreaterThan(0);
    for (const k of Object.keys(gb).filter((k) => k.startsWith('dec/'))) expect(maxDiff(ga[k], gb[k]), k).toBeLessThan(1e-3 * maxAbs(gb[k]) + 1e-6);
    // The score term is what STL drops: the encoder's gradients differ well beyond float noise.
    expect(maxDiff(ga['encLogvar/dense/bias'], gb['encLogvar/dense/bias'])).toBeGreaterThan(1e-2 * maxAbs(gb['encLogvar/dense/bias']));
  });
});

describe('dreg: two scoped objectives, one reported', () => {
  it('has an encoder objective (not reported) and a decoder objective (reported) over disjoint variables that cover the model', () => {
    const m = compile(graph('dreg'));
    const byId = Object.fromEntries(m.objectives.map((o) => [o.nodeId, o]));
    expect(byId.encObjective).toMatchObject({ scope: 'encoder', reported: false });
    expect(byId.objective).toMatchObject({ scope: 'decoder', reported: true });
    const enc = byId.encObjective.variables.map(savedName);
    const dec = byId.objective.variables.map(savedName);
    expect(enc.every((v) => /^enc(Mean|Logvar)?\//.test(v))).toBe(true);
    expect(dec.every((v) => v.startsWith('dec/'))).toBe(true);
    expect([...enc, ...dec].sort()).toEqual(m.variables.map(savedName).sort());
  });

  it('reports the IWAE-5 estimate itself: the importance-sampling graph’s loss on the same weights and samples', () => {
    const want = perExample(compile(graph('importance-sampling')), 5);
    const m = compile(graph('dreg'));
    expect(m.analysis.lossNodeId).toBe('objective');
    expect(perExample(m, 5)).toEqual(want);
    const { reported } = tf.tidy(() => ({ reported: tf.keep(objectiveGradients(m, x, 5).reported) }));
    expect(read(reported)[0]).toBeCloseTo(want.reduce((s, v) => s + v, 0) / B, 2);
  });

  it('trains the decoder on IWAE’s own gradient and the encoder on another one; nothing trains twice', () => {
    const iwae = compile(graph('importance-sampling'));
    const dreg = compile(graph('dreg'));
    const want = gradsOf(iwae, 13);
    const got = tf.tidy(() => {
      const { grads, reported } = objectiveGradients(dreg, x, 13);
      reported.dispose();
      return Object.fromEntries(Object.entries(grads).map(([k, g]) => [savedName(dreg.variables.find((v) => v.name === k)!), tf.keep(g)]));
    });
    const g = Object.fromEntries(Object.entries(got).map(([k, t]) => [k, read(t)]));
    expect(Object.keys(g).sort()).toEqual(Object.keys(want).sort());
    for (const k of Object.keys(want).filter((k) => k.startsWith('dec/'))) expect(maxDiff(g[k], want[k]), k).toBeLessThan(1e-4 * maxAbs(want[k]) + 1e-7);
    for (const k of ['encMean/dense/kernel', 'encLogvar/dense/bias']) expect(maxDiff(g[k], want[k]), k).toBeGreaterThan(1e-2 * maxAbs(want[k]));
  });
});
