// Several objectives in one graph: each one's gradient over its own scope, added — checked
// against gradients the test takes itself, one objective at a time — and the analysis's
// sentences for graphs whose objectives cannot be trained or reported.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '#tf-gradients';
import { useNodeBackend } from '../cli/nodeBackend';
import { CompileError, compileGraph, savedName, type CompiledModel } from '../compiler/compile';
import { analyzeGraph } from '../compiler/analyze';
import type { GraphDoc } from '../graph/document';
import { D, exactPosterior, fixtureGraph, fixtureModel } from '../testing/linearGaussianFixture';
import { objectiveGradients } from './objectiveGradients';
import { Trainer } from './trainer';

beforeAll(async () => {
  await useNodeBackend('cpu');
});

interface ObjectiveDef {
  id: string;
  /** What it reduces: the log weights, or the log-likelihood alone. */
  of: 'logW' | 'logLik';
  op: 'mean' | 'logMeanExp';
  scope: 'all' | 'encoder' | 'decoder';
  reported: boolean;
}

/** The fixture's model (with an encoder, or sampling from the prior) and the given objectives on its log weights. */
function withObjectives(objectives: ObjectiveDef[], encoder = true, J = 3): GraphDoc {
  const doc = fixtureGraph(encoder ? 'iwaeLoss' : 'mcPriorLoss', J);
  doc.nodes = doc.nodes.filter((n) => n.id !== 'loss');
  doc.edges = doc.edges.filter((e) => e.target !== 'loss');
  const n = (id: string, kind: string, params: Record<string, unknown> = {}) => doc.nodes.push({ id, kind, label: id, params, position: { x: 0, y: 0 } });
  const e = (from: string, to: string) => {
    const [source, sourcePort] = from.split('.');
    const [target, targetPort] = to.split('.');
    doc.edges.push({ id: `${from}-${to}`, source, sourcePort, target, targetPort });
  };
  n('logLik', 'logDensity');
  e('lik.dist', 'logLik.dist');
  e('data.x', 'logLik.value');
  if (encoder) {
    n('logPrior', 'logDensity');
    n('logQ', 'logDensity');
    n('logW', 'weightedSum', { wa: 1, wb: 1, wc: -1 });
    e('prior.dist', 'logPrior.dist');
    e('sampler.z', 'logPrior.value');
    e('q.dist', 'logQ.dist');
    e('sampler.z', 'logQ.value');
    e('logLik.term', 'logW.a');
    e('logPrior.term', 'logW.b');
    e('logQ.term', 'logW.c');
  }
  for (const o of objectives) {
    n(`${o.id}Reduce`, 'reduceSamples', { op: o.op });
    n(o.id, 'objective', { scope: o.scope, reported: o.reported });
    e(`${o.of}.term`, `${o.id}Reduce.term`);
    e(`${o.id}Reduce.term`, `${o.id}.term`);
  }
  return doc;
}

const X = [
  [1.2, -0.3, 0.9, 0.8],
  [-0.5, 0.7, -0.2, -1.1],
  [0.1, 0.2, 0.3, 0.4],
];
const perturbed = (() => {
  const enc = exactPosterior();
  return { ...enc, c: enc.c.map((v) => v + 0.4), logVar: enc.logVar.map((v) => v + 0.5) };
})();
const ENCODER = ['encMean/kernel', 'encMean/bias', 'encLogvar/kernel', 'encLogvar/bias'];
const DECODER = ['dec/kernel', 'dec/bias'];

/** One objective's gradient, taken here: over the variables named, by saved name. */
function gradOf(model: CompiledModel, id: string, names: string[], x: tf.Tensor2D, seed: number): Record<string, number[]> {
  const vars = model.variables.filter((v) => names.includes(savedName(v)));
  const { value, grads } = tf.variableGrads(() => tf.mean(model.objectivePerExample(id, x, seed)) as tf.Scalar, vars);
  value.dispose();
  return Object.fromEntries(vars.map((v) => [savedName(v), Array.from(grads[v.name].dataSync())]));
}
const add = (...gs: Record<string, number[]>[]) => {
  const out: Record<string, number[]> = {};
  for (const g of gs) for (const [k, v] of Object.entries(g)) out[k] = out[k] ? out[k].map((a, i) => a + v[i]) : [...v];
  return out;
};
const values = (m: CompiledModel) => Object.fromEntries(m.variables.map((v) => [savedName(v), Array.from(v.dataSync())]));
const expectClose = (got: number[], want: number[], what: string) => {
  expect(got.length, what).toBe(want.length);
  got.forEach((v, i) => expect(Math.abs(v - want[i]), `${what}[${i}]: ${v} vs ${want[i]}`).toBeLessThan(1e-5 * Math.max(1, Math.abs(want[i]))));
};

describe('the gradients of several objectives add, each over its own scope', () => {
  const objectives: ObjectiveDef[] = [
    { id: 'elbo', of: 'logW', op: 'mean', scope: 'all', reported: true },
    { id: 'iwaeEnc', of: 'logW', op: 'logMeanExp', scope: 'encoder', reported: false },
    { id: 'recDec', of: 'logLik', op: 'mean', scope: 'decoder', reported: false },
  ];

  it('lists each objective with its scope’s variables, and reports the one marked', () => {
    const m = fixtureModel(withObjectives(objectives), perturbed);
    const by = Object.fromEntries(m.objectives.map((o) => [o.nodeId, o]));
    expect(by.elbo.variables.map(savedName).sort()).toEqual([...ENCODER, ...DECODER].sort());
    expect(by.iwaeEnc.variables.map(savedName).sort()).toEqual([...ENCODER].sort());
    expect(by.recDec.variables.map(savedName).sort()).toEqual([...DECODER].sort());
    expect(m.objectives.filter((o) => o.reported).map((o) => o.nodeId)).toEqual(['elbo']);
    expect(m.analysis.lossNodeId).toBe('elbo');
    m.dispose();
  });

  it('objectiveGradients = ∇_all elbo + ∇_encoder iwae + ∇_decoder reconstruction, taken one at a time', () => {
    const m = fixtureModel(withObjectives(objectives), perturbed);
    const x = tf.tensor2d(X);
    const want = add(gradOf(m, 'elbo', [...ENCODER, ...DECODER], x, 4), gradOf(m, 'iwaeEnc', ENCODER, x, 4), gradOf(m, 'recDec', DECODER, x, 4));
    const got = tf.tidy(() => {
      const { grads, reported } = objectiveGradients(m, x, 4);
      return { reported: tf.keep(reported), grads: Object.fromEntries(Object.entries(grads).map(([k, t]) => [k, tf.keep(t)])) };
    });
    const names = new Map(m.variables.map((v) => [v.name, savedName(v)]));
    expect(Object.keys(got.grads).map((k) => names.get(k)).sort()).toEqual(Object.keys(want).sort());
    for (const [k, t] of Object.entries(got.grads)) expectClose(Array.from(t.dataSync()), want[names.get(k)!], names.get(k)!);
    const elbo = tf.tidy(() => tf.mean(m.objectivePerExample('elbo', x, 4)));
    expect(got.reported.dataSync()[0]).toBeCloseTo(elbo.dataSync()[0], 5);
    [got.reported, elbo, x, ...Object.values(got.grads)].forEach((t) => t.dispose());
    m.dispose();
  });

  it('Trainer.step takes the SGD step of that sum and returns the reported objective’s loss', () => {
    const m = fixtureModel(withObjectives(objectives), perturbed);
    const x = tf.tensor2d(X);
    const want = add(gradOf(m, 'elbo', [...ENCODER, ...DECODER], x, 8), gradOf(m, 'iwaeEnc', ENCODER, x, 8), gradOf(m, 'recDec', DECODER, x, 8));
    const before = values(m);
    const reported = tf.tidy(() => tf.mean(m.objectivePerExample('elbo', x, 8)).dataSync()[0]);
    const lr = 0.05;
    const trainer = new Trainer(m, tf.train.sgd(lr));
    const loss = trainer.step(x, 8);
    expect(loss.dataSync()[0]).toBeCloseTo(reported, 5);
    loss.dispose();
    const after = values(m);
    for (const k of Object.keys(before)) expectClose(after[k], before[k].map((v, i) => v - lr * want[k][i]), k);
    trainer.dispose();
    x.dispose();
    m.dispose();
  });

  it('an objective scoped to the encoder alone leaves the decoder untouched, and one scoped to the decoder the encoder', () => {
    for (const [scope, trained, untouched] of [['encoder', ENCODER, DECODER], ['decoder', DECODER, ENCODER]] as const) {
      const m = fixtureModel(withObjectives([{ id: 'only', of: 'logW', op: 'logMeanExp', scope, reported: true }]), perturbed);
      const x = tf.tensor2d(X);
      const want = gradOf(m, 'only', [...trained], x, 2);
      const before = values(m);
      const trainer = new Trainer(m, tf.train.sgd(0.05));
      trainer.step(x, 2).dispose();
      const after = values(m);
      for (const k of untouched) expect(after[k], `${scope}: ${k}`).toEqual(before[k]);
      for (const k of trained) expectClose(after[k], before[k].map((v, i) => v - 0.05 * want[k][i]), `${scope}: ${k}`);
      expect(Math.max(...trained.flatMap((k) => want[k].map(Math.abs)))).toBeGreaterThan(1e-3);
      trainer.dispose();
      x.dispose();
      m.dispose();
    }
  });
});

describe('what the analysis and the compiler refuse', () => {
  const errorsOf = (doc: GraphDoc) => analyzeGraph(doc).errors;

  it('two reported objectives: the second is pinned, naming the first', () => {
    const doc = withObjectives([
      { id: 'first', of: 'logW', op: 'mean', scope: 'all', reported: true },
      { id: 'second', of: 'logW', op: 'logMeanExp', scope: 'all', reported: true },
    ]);
    expect(errorsOf(doc)).toEqual([{ nodeId: 'second', edgeId: undefined, message: 'Only one loss per graph can be the reported estimate, and first already is: remove this one, or untick "Reported" on one of them.' }]);
  });

  it('no reported objective', () => {
    const doc = withObjectives([
      { id: 'encObjective', of: 'logW', op: 'logMeanExp', scope: 'encoder', reported: false },
      { id: 'decObjective', of: 'logW', op: 'logMeanExp', scope: 'decoder', reported: false },
    ]);
    expect(errorsOf(doc).map((e) => e.message)).toEqual(['No objective is marked as reported: tick "Reported" on the one whose estimate charts and runs should show.']);
  });

  it('an objective that trains the encoder of a graph that has none: a compile error pinned to it', () => {
    // Samples from the prior: no q(z|x), so nothing is upstream of a data-dependent proposal.
    const doc = withObjectives([{ id: 'encObjective', of: 'logLik', op: 'logMeanExp', scope: 'encoder', reported: true }], false);
    expect(errorsOf(doc)).toEqual([]);
    let thrown: unknown;
    try {
      compileGraph(doc, { dataDim: D, seed: 1 }).dispose();
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(CompileError);
    expect((thrown as CompileError).issues).toEqual([{ nodeId: 'encObjective', message: 'This objective trains the encoder (upstream of q(z|x)), but the graph has no such parameters: nothing upstream of a q(z|x) that a sampler draws from is learned.' }]);
    // The same graph trains once the objective covers all parameters.
    const ok = withObjectives([{ id: 'all', of: 'logLik', op: 'logMeanExp', scope: 'all', reported: true }], false);
    compileGraph(ok, { dataDim: D, seed: 1 }).dispose();
  });
});
