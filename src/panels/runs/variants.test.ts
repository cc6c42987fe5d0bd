import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGraphText } from '../../graph/parse';
import type { GraphDoc } from '../../graph/document';
import { analyzeGraph } from '../../compiler/analyze';
import { estimatorName } from './estimatorName';
import { swapEstimator, variantsOf } from './variants';

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
