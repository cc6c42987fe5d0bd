import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { useNodeBackend } from '../../cli/nodeBackend';
import { specsWith } from '../../nodes/registry';
import { NU, exactPosterior, fixtureGraph, fixtureModel, type Encoder } from '../../testing/linearGaussianFixture';
import { partsGraph } from '../../testing/partsGraphs';
import { parseGraphText } from '../../graph/parse';
import type { GraphDoc } from '../../graph/document';
import { analyzeGraph } from '../../compiler/analyze';
import { estimatorName } from './estimatorName';
import { ESTIMATOR_KINDS, swapEstimator, variantsOf } from './variants';

function graph(name: string): GraphDoc {
  const r = parseGraphText(readFileSync(`graphs/${name}.json`, 'utf8'));
  if (!r.ok) throw new Error(r.errors.join(' '));
  return r.doc;
}

const keys = (doc: GraphDoc) => variantsOf(doc).map((v) => v.key);

describe('variantsOf', () => {
  it('offers IWAE, prior samples, the autoencoder, other J and the MC KL for the 2-D VAE', () => {
    const doc = graph('vae-2d');
    const before = JSON.stringify(doc);
    const vs = variantsOf(doc);
    expect(vs.map((v) => v.key)).toEqual(['loss-autoencoderLoss', 'loss-mcPriorLoss', 'loss-iwaeLoss', 'J-5', 'J-10', 'J-50', 'kl-mc']);
    expect(JSON.stringify(doc)).toBe(before); // the open document is never changed
    for (const v of vs) expect(analyzeGraph(v.doc).errors).toEqual([]);
    expect(vs.find((v) => v.key === 'J-5')!.name).toBe('ELBO, J=5');
    expect(vs.find((v) => v.key === 'kl-mc')!.name).toBe('ELBO (MC KL), J=1');
  });

  it('keeps the edges when ELBO becomes IWAE, and J when it is already above 1', () => {
    expect(estimatorName(swapEstimator(graph('importance-sampling'), 'elboLoss')!)).toBe('ELBO, J=5');
    const doc = graph('vae-2d');
    const iwae = swapEstimator(doc, 'iwaeLoss')!;
    expect(iwae.nodes.find((n) => n.id === 'loss')).toMatchObject({ kind: 'iwaeLoss', params: {} });
    // J = 1 would make IWAE the ELBO again: the swap brings J = 5 along.
    expect(iwae.edges).toEqual(doc.edges);
    expect(iwae.nodes.find((n) => n.id === 'sampler')?.params.samples).toBe(5);
    expect(estimatorName(iwae)).toBe('IWAE, J=5');
  });

  it('draws z from the prior for the prior-sample estimator', () => {
    const mc = swapEstimator(graph('vae-2d'), 'mcPriorLoss')!;
    expect(mc.edges.find((e) => e.target === 'sampler' && e.targetPort === 'dist')?.source).toBe('prior');
    expect(mc.edges.filter((e) => e.target === 'loss').map((e) => e.targetPort).sort()).toEqual(['likelihood', 'x']);
    expect(estimatorName(mc)).toBe('Prior MC, J=10');
  });

  it('uses the encoder mean as the point estimate for the autoencoder', () => {
    const ae = swapEstimator(graph('vae-2d'), 'autoencoderLoss')!;
    expect(ae.nodes.find((n) => n.id === 'sampler')?.params.mode).toBe('mean');
    expect(estimatorName(ae)).toBe('Autoencoder');
  });

  it('offers only the prior-sample estimator for PPCA (no proposal to sample from)', () => {
    expect(keys(graph('ppca'))).toEqual(['loss-mcPriorLoss']);
  });

  it('offers the exact NLL for the linear VAE, sampling the prior', () => {
    const vs = variantsOf(graph('linear-vae'));
    expect(vs.map((v) => v.key)).toContain('loss-exactNll');
    const exact = vs.find((v) => v.key === 'loss-exactNll')!.doc;
    expect(exact.edges.find((e) => e.target === 'sampler')?.source).toBe('prior');
  });

  it('offers no encoder-based estimator when there is no encoder', () => {
    const ks = keys(graph('mc-prior'));
    expect(ks).not.toContain('loss-iwaeLoss');
    expect(ks).not.toContain('loss-elboLoss');
    expect(ks).not.toContain('loss-autoencoderLoss');
    expect(ks).toEqual(['J-1', 'J-5', 'J-50']);
  });
});

describe('variants of an objective built from parts', () => {
  beforeAll(async () => {
    await useNodeBackend('wasm');
  });

  const enc: Encoder = (() => {
    const e = exactPosterior();
    return { ...e, c: e.c.map((v) => v + 0.4), logVar: e.logVar.map((v) => v + 0.6) };
  })();
  const xs = [
    [0.5, -1, 0.2, 1.3],
    [-0.4, 0.8, 1.1, -0.6],
    [1.5, 0.1, -0.7, 0.4],
  ];
  /** Per-example losses of a graph with the fixture's weights and a fixed seed. */
  function losses(doc: GraphDoc): number[] {
    const m = fixtureModel(doc, enc);
    try {
      return tf.tidy(() => Array.from(m.lossPerExample(tf.tensor2d(xs), 9).dataSync()));
    } finally {
      m.dispose();
    }
  }
  const expectSame = (a: number[], b: number[]) => {
    expect(a).toHaveLength(xs.length);
    expect(b).toHaveLength(xs.length);
    a.forEach((v, i) => expect(Math.abs(v - b[i])).toBeLessThan(1e-5 * (1 + Math.abs(b[i]))));
  };
  /** KL(q(z|x) ‖ N(0, ν²I)) per example, in float64, for the encoder above. */
  const kl = (x: number[]) =>
    enc.A.reduce((s, row, j) => {
      const mu = enc.c[j] + row.reduce((t, a, k) => t + a * x[k], 0);
      const s2 = Math.exp(enc.logVar[j]);
      return s + 0.5 * ((s2 + mu * mu) / (NU * NU) - 1 - Math.log(s2) + Math.log(NU * NU));
    }, 0);
  const variant = (doc: GraphDoc, key: string) => {
    const v = variantsOf(doc).find((x) => x.key === key);
    if (!v) throw new Error(`no variant ${key} among ${keys(doc).join(', ')}`);
    return v.doc;
  };

  it('are never a swap target: ESTIMATOR_KINDS leaves out every composed estimator', () => {
    const composed = specsWith('estimator').filter((s) => s.estimator.composed).map((s) => s.kind);
    expect(composed.length).toBeGreaterThan(0);
    for (const k of composed) expect(ESTIMATOR_KINDS).not.toContain(k);
    expect(keys(graph('vae-2d')).filter((k) => k.startsWith('loss-'))).toHaveLength(3);
  });

  it('offer IWAE from parts other J and the mean reduction, which is the ELBO with a Monte Carlo KL', () => {
    const doc = partsGraph('iwae', 3);
    const before = JSON.stringify(doc);
    const vs = variantsOf(doc);
    expect(vs.map((v) => v.key)).toEqual(['J-1', 'J-5', 'J-10', 'J-50', 'reduction-mean']);
    expect(JSON.stringify(doc)).toBe(before);
    for (const v of vs) expect(analyzeGraph(v.doc).errors).toEqual([]);
    expect(vs.find((v) => v.key === 'reduction-mean')!.label).toBe('Reduction: mean (ELBO)');
    expect(vs.find((v) => v.key === 'J-5')!.doc.nodes.find((n) => n.id === 'sampler')!.params.samples).toBe(5);
    expectSame(losses(variant(doc, 'reduction-mean')), losses(fixtureGraph('elboLoss', 3, 'mc')));
    expectSame(losses(variant(variant(doc, 'reduction-mean'), 'reduction-logMeanExp')), losses(fixtureGraph('iwaeLoss', 3)));
  });

  it('offer the ELBO with analytic KL the Monte Carlo KL and other β, and no reduction swap', () => {
    const doc = partsGraph('klElbo', 1);
    const vs = variantsOf(doc);
    expect(vs.map((v) => v.key)).toEqual(['J-5', 'J-10', 'J-50', 'kl-mc', 'beta-0.5', 'beta-2', 'beta-4']);
    for (const v of vs) expect(analyzeGraph(v.doc).errors).toEqual([]);
    const mc = variant(doc, 'kl-mc');
    expect(mc.nodes.some((n) => n.kind === 'analyticKl')).toBe(false); // nothing else read it
    expectSame(losses(mc), losses(fixtureGraph('elboLoss', 1, 'mc')));
    // β multiplies the KL: the loss grows by (β − 1) KL, the float64 closed form.
    const [one, four] = [losses(doc), losses(variant(doc, 'beta-4'))];
    xs.forEach((x, i) => expect(four[i] - one[i]).toBeCloseTo(3 * kl(x), 4));
    // β and the KL mode compose: the Monte Carlo KL keeps the β.
    const mcFour = variantsOf(variant(doc, 'beta-4')).find((v) => v.key === 'kl-mc')!.doc;
    expect(variantsOf(mcFour).map((v) => v.key)).toContain('beta-1');
  });

  it('offer the ELBO with Monte Carlo KL the analytic KL, the log-mean-exp reduction and other β', () => {
    const doc = partsGraph('elbo', 2);
    expect(keys(doc)).toEqual(['J-1', 'J-5', 'J-10', 'J-50', 'reduction-logMeanExp', 'kl-analytic', 'beta-0.5', 'beta-2', 'beta-4']);
    const analytic = variant(doc, 'kl-analytic');
    expect(analyzeGraph(analytic).errors).toEqual([]);
    expectSame(losses(analytic), losses(fixtureGraph('elboLoss', 2, 'analytic')));
    // At fixed samples the loss is affine in β: −mean log p(x|z) + β mean(log q − log p), with β = 1 the built-in's.
    const [half, one, two] = [losses(variant(doc, 'beta-0.5')), losses(doc), losses(variant(doc, 'beta-2'))];
    expectSame(one, losses(fixtureGraph('elboLoss', 2, 'mc')));
    xs.forEach((_, i) => expect(two[i] - one[i]).toBeCloseTo(2 * (one[i] - half[i]), 4));
    expect(two.some((v, i) => Math.abs(v - one[i]) > 1e-3)).toBe(true);
  });

  it('offer DReG J and the reported objective\'s reduction only: its encoder surrogate is a weighted sum', () => {
    const doc = partsGraph('dreg', 4);
    const vs = variantsOf(doc);
    expect(vs.map((v) => v.key)).toEqual(['J-1', 'J-5', 'J-10', 'J-50', 'reduction-mean']);
    for (const v of vs) expect(analyzeGraph(v.doc).errors).toEqual([]);
    expect(variant(doc, 'reduction-mean').nodes.find((n) => n.id === 'reduceEnc')!.params.op).toBe('weighted');
  });

  it('keep a warm-up on the KL: β is offered, the Monte Carlo KL (two ramped terms) is not', () => {
    const doc = partsGraph('klElbo', 1);
    const sum = doc.nodes.find((n) => n.id === 'elbo')!;
    sum.params = { ...sum.params, warmUp: 'linear', warmUpOn: 'b', warmUpLength: 5 };
    const ks = keys(doc);
    expect(ks).not.toContain('kl-mc');
    expect(ks).toContain('beta-2');
    // From Monte Carlo to analytic, a warm-up on log p(z)'s slot moves to the KL's.
    const mc = partsGraph('elbo', 1);
    const logW = mc.nodes.find((n) => n.id === 'logW')!;
    logW.params = { ...logW.params, warmUp: 'linear', warmUpOn: 'b' };
    const analytic = variant(mc, 'kl-analytic');
    expect(analytic.nodes.find((n) => n.id === 'logW')!.params).toMatchObject({ warmUpOn: 'c', wc: -1 });
  });
});
