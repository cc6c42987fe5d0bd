// "Expand into parts" keeps the loss and every gradient: each built-in estimator and its
// expansion are compiled with the same seed (the model's node ids are kept, so both start
// from the same weights and draw the same samples) and compared example by example and
// variable by variable. The built-ins themselves are checked against float64 computations
// in estimators.test.ts; here the expansion must reproduce them.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import '#tf-gradients';
import { useNodeBackend } from '../cli/nodeBackend';
import { compileGraph, savedName } from '../compiler/compile';
import { analyzeGraph } from '../compiler/analyze';
import { parseGraphText } from '../graph/parse';
import type { GraphDoc } from '../graph/document';
import { D, FIXTURE_X as X, exactPosterior, fixtureGraph, type FixtureLoss } from '../testing/linearGaussianFixture';
import { expandAllEstimators, expandEstimator, isExpandable, type OutputShapes } from './expand';
import { getSpec } from './registry';
import { Trainer, makeOptimizer } from '../training/trainer';

beforeAll(async () => {
  await useNodeBackend('cpu');
});


const shapesOf = (doc: GraphDoc): OutputShapes => {
  const a = analyzeGraph(doc);
  return (id, port) => a.outputShapes.get(id)?.[port];
};

function expanded(doc: GraphDoc): GraphDoc {
  const r = expandEstimator(doc, 'loss', shapesOf(doc));
  if (!r.ok) throw new Error(r.reasons.join(' '));
  return r.doc;
}

/** The per-example loss and the gradient of the batch mean for every variable, by saved name. */
async function lossAndGrads(doc: GraphDoc, seed: number, data: { dim: number; rows: number[][] } = { dim: D, rows: X }) {
  const model = compileGraph(doc, { dataDim: data.dim, seed: 1 });
  // A perturbed encoder, so no gradient is zero by construction (the exact posterior zeroes some).
  const enc = exactPosterior();
  const byName = new Map(model.variables.map((v) => [savedName(v), v]));
  tf.tidy(() => byName.get('encMean/bias')?.assign(tf.tensor1d(enc.c.map((c) => c + 0.4))));
  const x = tf.tensor2d(data.rows);
  const loss = tf.tidy(() => model.lossPerExample(x, seed));
  const { value, grads } = tf.variableGrads(() => tf.mean(model.lossPerExample(x, seed)) as tf.Scalar, model.variables);
  const out = {
    loss: Array.from(await loss.data()),
    // A variable the loss does not reach (the autoencoder's log-variance) has no gradient: [].
    grads: new Map(await Promise.all(model.variables.map(async (v) => [savedName(v), grads[v.name] ? Array.from(await grads[v.name].data()) : []] as const))),
    latent: model.latent,
  };
  [loss, value, x, ...Object.values(grads)].forEach((t) => t.dispose());
  model.dispose();
  return out;
}

/**
 * Float32 rounding: the parts run the built-in's ops (the ELBO with a Monte Carlo KL in
 * another order of additions), so they agree to a few units in the last place of the
 * largest value compared, ~1e-7 relative; 1e-5 leaves room for the sums of a gradient.
 */
function expectClose(actual: number[], expected: number[], what: string) {
  expect(actual.length, what).toBe(expected.length);
  const scale = expected.reduce((m, v) => Math.max(m, Math.abs(v)), 1);
  if (actual.length === 0) return;
  let worst = 0;
  actual.forEach((a, i) => {
    if (!(Math.abs(a - expected[i]) <= Math.abs(actual[worst] - expected[worst]))) worst = i;
  });
  expect(Math.abs(actual[worst] - expected[worst]), `${what}[${worst}]: ${actual[worst]} vs ${expected[worst]}`).toBeLessThanOrEqual(1e-5 * scale);
}

const CASES: { name: string; loss: FixtureLoss; kl?: 'analytic' | 'mc'; Js: number[] }[] = [
  { name: 'IWAE', loss: 'iwaeLoss', Js: [1, 5] },
  { name: 'ELBO, analytic KL', loss: 'elboLoss', kl: 'analytic', Js: [1, 5] },
  { name: 'ELBO, Monte Carlo KL', loss: 'elboLoss', kl: 'mc', Js: [1, 5] },
  { name: 'Monte Carlo with prior samples', loss: 'mcPriorLoss', Js: [1, 5] },
  // A point estimate draws no samples: J does not apply.
  { name: 'autoencoder', loss: 'autoencoderLoss', Js: [1] },
];

describe('an expanded estimator computes the same loss and gradients as the built-in', () => {
  for (const c of CASES) {
    for (const J of c.Js) {
      it(`${c.name}, J = ${J}`, async () => {
        const doc = fixtureGraph(c.loss, J, c.kl);
        const parts = expanded(doc);
        expect(parts.nodes.some((n) => getSpec(n.kind)?.estimator && isExpandable(n))).toBe(false);
        const before = await lossAndGrads(doc, 7);
        const after = await lossAndGrads(parts, 7);
        expectClose(after.loss, before.loss, 'loss');
        expect([...after.grads.keys()].sort()).toEqual([...before.grads.keys()].sort());
        const nonzero = [...before.grads.values()].filter((g) => g.some((v) => Math.abs(v) > 1e-6));
        expect(nonzero.length).toBeGreaterThan(1);
        for (const [name, g] of before.grads) expectClose(after.grads.get(name)!, g, name);
        // Evaluation reads the same latent off the parts (the held-out NLL, the diagnostics).
        expect(after.latent?.z).toEqual(before.latent?.z);
        expect(after.latent?.priorId).toBe(before.latent?.priorId);
        expect(after.latent?.likelihoodId).toBe(before.latent?.likelihoodId);
      });
    }
  }

  // The fixture's likelihood is Gaussian; the gallery's VAEs have a Bernoulli one over 784 pixels.
  for (const [file, J] of [['vae', 1], ['vae', 5], ['importance-sampling', 5]] as const) {
    it(`${file}.json (Bernoulli likelihood), J = ${J}`, async () => {
      const r = parseGraphText(readFileSync(`graphs/${file}.json`, 'utf8'), file);
      if (!r.ok) throw new Error(r.errors.join(' '));
      const doc = r.doc;
      for (const n of doc.nodes) if (getSpec(n.kind)?.sampler) n.params = { ...n.params, samples: J };
      const rows = Array.from({ length: 3 }, (_, i) => Array.from({ length: 784 }, (_, j) => ((i * 7919 + j * 104729) % 1000) / 1000));
      const before = await lossAndGrads(doc, 7, { dim: 784, rows });
      const after = await lossAndGrads(expanded(doc), 7, { dim: 784, rows });
      expectClose(after.loss, before.loss, 'loss');
      expect([...after.grads.keys()].sort()).toEqual([...before.grads.keys()].sort());
      for (const [name, g] of before.grads) expectClose(after.grads.get(name)!, g, name);
    });
  }

  it('trains the same: ten Adam steps of the ELBO (J = 5) land on the same weights', async () => {
    const weightsAfter = async (doc: GraphDoc) => {
      const model = compileGraph(doc, { dataDim: D, seed: 1 });
      const trainer = new Trainer(model, makeOptimizer({ optimizer: 'adam', learningRate: 0.01 }));
      const x = tf.tensor2d(X);
      for (let i = 0; i < 10; i++) trainer.step(x, i).dispose();
      const w = new Map(await Promise.all(model.variables.map(async (v) => [savedName(v), Array.from(await v.data())] as const)));
      x.dispose();
      trainer.dispose();
      model.dispose();
      return w;
    };
    const doc = fixtureGraph('elboLoss', 5, 'analytic');
    const a = await weightsAfter(doc);
    const b = await weightsAfter(expanded(doc));
    for (const [name, w] of a) expectClose(b.get(name)!, w, name);
  });

  it('would notice an expansion that reduced differently (the test can fail)', async () => {
    const doc = fixtureGraph('iwaeLoss', 5);
    const wrong = expanded(doc);
    const reduce = wrong.nodes.find((n) => n.id === 'loss-reduce')!;
    reduce.params = { ...reduce.params, op: 'mean' };
    const a = await lossAndGrads(doc, 7);
    const b = await lossAndGrads(wrong, 7);
    expect(() => expectClose(b.loss, a.loss, 'loss')).toThrow();
  });
});

describe('the expansion as a graph edit', () => {
  const doc = fixtureGraph('iwaeLoss', 5);
  const r = expandEstimator(doc, 'loss', shapesOf(doc));

  it('keeps every other node and edge, adds parts with fresh ids and labels that say what they are', () => {
    if (!r.ok) throw new Error(r.reasons.join(' '));
    const others = doc.nodes.filter((n) => n.id !== 'loss');
    for (const n of others) expect(r.doc.nodes).toContainEqual(n);
    for (const e of doc.edges.filter((x) => x.target !== 'loss')) expect(r.doc.edges).toContainEqual(e);
    expect(r.doc.nodes.some((n) => n.id === 'loss')).toBe(false);
    const parts = r.doc.nodes.filter((n) => !doc.nodes.some((m) => m.id === n.id));
    expect(parts.map((p) => p.id).sort()).toEqual([...r.expanded[0].partIds].sort());
    expect(new Set(r.doc.nodes.map((n) => n.id)).size).toBe(r.doc.nodes.length);
    expect(new Set(r.doc.edges.map((e) => e.id)).size).toBe(r.doc.edges.length);
    expect(parts.map((p) => p.label)).toEqual(expect.arrayContaining(['log p(x|z)', 'log p(z)', 'log q(z|x)', 'IWAE: log-mean-exp']));
    // The wiring reads the estimator's own inputs: the same sampler, likelihood, prior and proposal.
    const into = (label: string, port: string) => r.doc.edges.find((e) => e.target === parts.find((p) => p.label === label)!.id && e.targetPort === port)?.source;
    expect(into('log p(x|z)', 'dist')).toBe('lik');
    expect(into('log p(x|z)', 'value')).toBe('data');
    expect(into('log p(z)', 'value')).toBe('sampler');
    expect(into('log q(z|x)', 'dist')).toBe('q');
    expect(analyzeGraph(r.doc).errors).toEqual([]);
  });

  it('places the parts where no other node is', () => {
    // A graph laid out like the gallery's, the loss at the right with nodes around it.
    const laid = fixtureGraph('iwaeLoss', 5);
    laid.nodes.forEach((n, i) => (n.position = { x: (i % 4) * 220, y: Math.floor(i / 4) * 140 }));
    const out = expandEstimator(laid, 'loss', shapesOf(laid));
    if (!out.ok) throw new Error(out.reasons.join(' '));
    const parts = out.doc.nodes.filter((n) => out.expanded[0].partIds.includes(n.id));
    const rest = out.doc.nodes.filter((n) => !parts.includes(n));
    for (const p of parts) {
      for (const n of out.doc.nodes) {
        if (n === p) continue;
        const apart = Math.abs(n.position.x - p.position.x) >= 200 || Math.abs(n.position.y - p.position.y) >= 100;
        expect(apart, `${p.id} at ${JSON.stringify(p.position)} covers ${n.id} at ${JSON.stringify(n.position)}`).toBe(true);
      }
    }
    expect(rest.length).toBe(laid.nodes.length - 1);
  });

  it('refuses, in a sentence, an estimator that is not wired', () => {
    const bare = fixtureGraph('iwaeLoss', 5);
    bare.edges = bare.edges.filter((e) => !(e.target === 'loss' && (e.targetPort === 'prior' || e.targetPort === 'z')));
    const out = expandEstimator(bare, 'loss');
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.reasons[0]).toMatch(/connect p\(z\) and z first/);
  });

  it('refuses a node that is not a built-in estimator', () => {
    const out = expandEstimator(doc, 'sampler');
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.reasons[0]).toMatch(/not a built-in estimator/);
  });
});

describe('the gallery, expanded', () => {
  const files = readdirSync('graphs').filter((f) => f.endsWith('.json'));

  for (const f of files) {
    it(`${f}: every estimator expanded, and the analysis has no errors`, () => {
      const parsed = parseGraphText(readFileSync(`graphs/${f}`, 'utf8'), f);
      if (!parsed.ok) throw new Error(parsed.errors.join(' '));
      const r = expandAllEstimators(parsed.doc, shapesOf(parsed.doc));
      if (!r.ok) throw new Error(r.reasons.join(' '));
      if (!parsed.doc.nodes.some(isExpandable)) expect(r.doc).toBe(parsed.doc);
      expect(analyzeGraph(r.doc).errors).toEqual([]);
      const left = r.doc.nodes.filter(isExpandable);
      // Only the exact marginal NLL stays, and it says why.
      for (const n of left) expect(getSpec(n.kind)?.estimator?.exact, n.kind).toBe(true);
      expect(r.kept.length).toBe(left.length);
      for (const k of r.kept) expect(k).toMatch(/integrates z out in closed form/);
    });
  }
});
