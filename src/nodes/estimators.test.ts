// Every estimator against an independent float64 computation, and the lecture's bounds on
// a linear-Gaussian model whose exact likelihood and posterior are known in closed form.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '#tf-gradients';
import { useNodeBackend } from '../cli/nodeBackend';
import { compileGraph } from '../compiler/compile';
import { B_VEC, D, FIXTURE_X as X, NU, Q, SIGMA, W, exactPosterior, fixtureGraph as graph, fixtureModel } from '../testing/linearGaussianFixture';
import type { GraphDoc } from '../graph/document';
import { Trainer, makeOptimizer } from '../training/trainer';

beforeAll(async () => {
  await useNodeBackend('cpu');
});


function exactNll64(): number[] {
  // Dense K = ν² W Wᵀ + σ² I by Gaussian elimination, independent of the tfjs code.
  const K = W.map((ri, i) => W.map((rj, j) => NU * NU * ri.reduce((s, v, k) => s + v * rj[k], 0) + (i === j ? SIGMA * SIGMA : 0)));
  const { inv, logDet } = invertSpd(K);
  return X.map((x) => {
    const r = x.map((v, i) => v - B_VEC[i]);
    const quad = r.reduce((s, ri, i) => s + ri * r.reduce((t, rj, j) => t + inv[i][j] * rj, 0), 0);
    return 0.5 * (quad + logDet + D * Math.log(2 * Math.PI));
  });
}

function invertSpd(K: number[][]): { inv: number[][]; logDet: number } {
  const n = K.length;
  const a = K.map((r, i) => [...r, ...r.map((_, j) => (i === j ? 1 : 0))]);
  let logDet = 0;
  for (let i = 0; i < n; i++) {
    const p = a[i][i];
    logDet += Math.log(p);
    for (let j = 0; j < 2 * n; j++) a[i][j] /= p;
    for (let k = 0; k < n; k++) if (k !== i) {
      const f = a[k][i];
      for (let j = 0; j < 2 * n; j++) a[k][j] -= f * a[i][j];
    }
  }
  return { inv: a.map((r) => r.slice(n)), logDet };
}

async function lossValues(doc: GraphDoc, seed: number, encoder?: ReturnType<typeof exactPosterior>) {
  const model = fixtureModel(doc, encoder);
  const x = tf.tensor2d(X);
  const out = tf.tidy(() => {
    const ev = model.evaluator(x, seed);
    return [ev('loss', 'loss') as tf.Tensor, ev('sampler', 'z') as tf.Tensor];
  });
  const [loss, z] = await Promise.all(out.map((t) => t.array()));
  out.forEach((t) => t.dispose());
  x.dispose();
  model.dispose();
  return { loss: loss as number[], z: z as number[][][] };
}

const LOG2PI = Math.log(2 * Math.PI);
const logN = (x: number[], m: number[], logVar: number[]) => x.reduce((s, xi, i) => s - 0.5 * (LOG2PI + logVar[i] + (xi - m[i]) ** 2 / Math.exp(logVar[i])), 0);
const decode = (z: number[]) => W.map((row, i) => row.reduce((s, w, k) => s + w * z[k], 0) + B_VEC[i]);
const lme = (a: number[]) => {
  const m = Math.max(...a);
  return m + Math.log(a.reduce((s, v) => s + Math.exp(v - m), 0) / a.length);
};
const qOf = (x: number[], enc: ReturnType<typeof exactPosterior>) => enc.A.map((row, i) => row.reduce((s, a, k) => s + a * x[k], 0) + enc.c[i]);
const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;

describe('estimators against float64 computations on the same samples', () => {
  const enc = exactPosterior();
  const perturbed = { ...enc, c: enc.c.map((v) => v + 0.4), logVar: enc.logVar.map((v) => v + 0.5) };
  const lik = (x: number[], z: number[]) => logN(x, decode(z), Array(D).fill(Math.log(SIGMA * SIGMA)));
  const prior = (z: number[]) => logN(z, Array(Q).fill(0), Array(Q).fill(Math.log(NU * NU)));

  it('importance sampling (IWAE)', async () => {
    const { loss, z } = await lossValues(graph('iwaeLoss', 7), 5, perturbed);
    X.forEach((x, b) => {
      const logW = z.map((zs) => lik(x, zs[b]) + prior(zs[b]) - logN(zs[b], qOf(x, perturbed), perturbed.logVar));
      expect(loss[b]).toBeCloseTo(-lme(logW), 3);
    });
  });

  it('negative ELBO with analytic and with Monte Carlo KL', async () => {
    for (const kl of ['analytic', 'mc'] as const) {
      const { loss, z } = await lossValues(graph('elboLoss', 3, kl), 9, perturbed);
      X.forEach((x, b) => {
        const m = qOf(x, perturbed);
        const rec = -mean(z.map((zs) => lik(x, zs[b])));
        const klA = 0.5 * m.reduce((s, mi, i) => s + (Math.exp(perturbed.logVar[i]) + mi * mi) / (NU * NU) - 1 - perturbed.logVar[i] + Math.log(NU * NU), 0);
        const klMc = mean(z.map((zs) => logN(zs[b], m, perturbed.logVar) - prior(zs[b])));
        expect(loss[b]).toBeCloseTo(rec + (kl === 'analytic' ? klA : klMc), 3);
      });
    }
  });

  it('Monte Carlo with prior samples', async () => {
    const { loss, z } = await lossValues(graph('mcPriorLoss', 6), 3);
    X.forEach((x, b) => expect(loss[b]).toBeCloseTo(-lme(z.map((zs) => lik(x, zs[b]))), 3));
  });

  it('autoencoder point estimate (the sampler returns the mean)', async () => {
    const { loss, z } = await lossValues(graph('autoencoderLoss', 1), 3, perturbed);
    X.forEach((x, b) => {
      expect(z[0][b][0]).toBeCloseTo(qOf(x, perturbed)[0], 4);
      expect(loss[b]).toBeCloseTo(-lik(x, z[0][b]) - prior(z[0][b]), 3);
    });
  });

  it('Bernoulli likelihood is Σ x ℓ − softplus(ℓ)', async () => {
    const { loss, z } = await lossValues(graph('mcPriorLoss', 1, 'analytic', 'bernoulli'), 4);
    X.forEach((x, b) => {
      const l = decode(z[0][b]);
      const lp = x.reduce((s, xi, i) => s + xi * l[i] - Math.log1p(Math.exp(l[i])), 0);
      expect(loss[b]).toBeCloseTo(-lp, 3);
    });
  });
});

describe('the lecture on a linear-Gaussian model', () => {
  const exact = exactNll64();
  const enc = exactPosterior();

  it('importance sampling with the exact posterior is exact, with zero variance, for any J', async () => {
    for (const J of [1, 3, 50]) {
      for (const seed of [1, 2]) {
        const { loss } = await lossValues(graph('iwaeLoss', J), seed, enc);
        loss.forEach((l, b) => expect(l).toBeCloseTo(exact[b], 3));
      }
    }
  });

  it('orders the bounds: ELBO ≤ IWAE_5 ≤ IWAE_50 ≤ exact log-likelihood', async () => {
    // A deliberately imperfect proposal, so the gaps are visible.
    const q = { ...enc, c: enc.c.map((v) => v + 0.6), logVar: enc.logVar.map((v) => v + 0.8) };
    const avg = async (doc: GraphDoc) => {
      let s = 0;
      const R = 40; // repeated draws: the ordering holds in expectation
      for (let r = 0; r < R; r++) s += mean((await lossValues(doc, 100 + r, q)).loss);
      return s / R;
    };
    const elbo = await avg(graph('elboLoss', 1));
    const iwae5 = await avg(graph('iwaeLoss', 5));
    const iwae50 = await avg(graph('iwaeLoss', 50));
    const ex = mean(exact);
    // In NLL terms each bound sits above the next; tolerance 0.02 nats for Monte Carlo noise.
    expect(elbo).toBeGreaterThan(iwae5 - 0.02);
    expect(iwae5).toBeGreaterThan(iwae50 - 0.02);
    expect(iwae50).toBeGreaterThan(ex - 0.02);
    expect(elbo - ex).toBeGreaterThan(0.1); // the gap is real, not a tie
  });

  it('the prior-sample estimate approaches the exact value as J grows', async () => {
    const err = async (J: number) => {
      let s = 0;
      for (let r = 0; r < 10; r++) s += Math.abs(mean((await lossValues(graph('mcPriorLoss', J), 7 + r)).loss) - mean(exact));
      return s / 10;
    };
    const e10 = await err(10);
    const e5000 = await err(5000);
    expect(e5000).toBeLessThan(e10);
    expect(e5000).toBeLessThan(0.05);
  });

  it('analytic and Monte Carlo KL agree in expectation', async () => {
    const q = { ...enc, c: enc.c.map((v) => v + 0.3) };
    const a = mean((await lossValues(graph('elboLoss', 1, 'analytic'), 1, q)).loss);
    const m = mean((await lossValues(graph('elboLoss', 10000, 'mc'), 1, q)).loss);
    const a2 = mean((await lossValues(graph('elboLoss', 10000, 'analytic'), 1, q)).loss);
    expect(Math.abs(m - a2)).toBeLessThan(0.03);
    expect(Math.abs(a - a2)).toBeLessThan(3); // one sample vs many: same expectation, wider spread
  });

  it('trains with J > 1 without leaking tensors', async () => {
    const model = compileGraph(graph('iwaeLoss', 5), { dataDim: D, seed: 1 });
    const trainer = new Trainer(model, makeOptimizer({ optimizer: 'adam', learningRate: 0.01 }));
    const x = tf.tensor2d(X);
    trainer.step(x, 0).dispose();
    const before = tf.memory().numTensors;
    for (let i = 1; i <= 100; i++) trainer.step(x, i).dispose();
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
    trainer.dispose();
    model.dispose();
  });
});
