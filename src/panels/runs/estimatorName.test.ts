// Runs are named after what the graph trains: a built-in estimator by its kind, one built
// from parts by the estimator its parts make up, when that is recognisable.
import { describe, expect, it } from 'vitest';
import { fixtureGraph } from '../../testing/linearGaussianFixture';
import { partsGraph, withParams } from '../../testing/partsGraphs';
import { estimatorName, lossNodeOf } from './estimatorName';

describe('estimatorName', () => {
  it('names the built-in estimators with their J', () => {
    expect(estimatorName(fixtureGraph('iwaeLoss', 5))).toBe('IWAE, J=5');
    expect(estimatorName(fixtureGraph('elboLoss', 3, 'mc'))).toBe('ELBO (MC KL), J=3');
    expect(estimatorName(fixtureGraph('autoencoderLoss', 1))).toBe('Autoencoder');
  });

  it('recognises the estimators built from parts, with the sampler’s J', () => {
    expect(estimatorName(partsGraph('iwae', 5))).toBe('IWAE (parts), J=5');
    expect(estimatorName(withParams(partsGraph('iwae', 5), 'sampler', { samples: 50 }))).toBe('IWAE (parts), J=50');
    expect(estimatorName(withParams(partsGraph('iwae', 1), 'reduce', { op: 'mean' }))).toBe('ELBO (parts), J=1');
    expect(estimatorName(partsGraph('stl', 1))).toBe('STL ELBO, J=1');
    expect(estimatorName(partsGraph('klElbo', 1))).toBe('ELBO (parts, analytic KL), J=1');
    expect(estimatorName(partsGraph('klElbo', 1, { beta: 4, reduceFirst: true }))).toBe('β-VAE β=4 (parts), J=1');
    expect(estimatorName(partsGraph('klElbo', 1, { beta: 4, warmUp: { unit: 'epochs', length: 10 } }))).toBe('β-VAE β=4, warm-up 10 epochs (parts), J=1');
    expect(estimatorName(partsGraph('dreg', 5))).toBe('DReG IWAE, J=5');
    expect(estimatorName(partsGraph('rws', 5))).toBe('RWS, J=5');
    expect(estimatorName(partsGraph('autoencoder', 1))).toBe('Autoencoder (parts)');
  });

  it('falls back to a generic name when the parts make no estimator it knows', () => {
    // +log q instead of −log q: not an importance weight.
    expect(estimatorName(withParams(partsGraph('iwae', 5), 'logW', { wc: 1 }))).toBe('Objective from parts, J=5');
    // A KL added rather than subtracted.
    expect(estimatorName(partsGraph('klElbo', 1, { beta: -1 }))).toBe('Objective from parts, J=1');
    // DReG's encoder surrogate alone trains no decoder.
    const encoderOnly = partsGraph('dreg', 5);
    encoderOnly.nodes = encoderOnly.nodes.filter((n) => n.id !== 'objective');
    encoderOnly.nodes.find((n) => n.id === 'encObjective')!.params.reported = true;
    expect(estimatorName(encoderOnly)).toBe('Objective from parts, J=5');
  });

  it('reads the reported objective, not the first', () => {
    const doc = partsGraph('dreg', 5);
    doc.nodes = [...doc.nodes.filter((n) => n.id === 'encObjective'), ...doc.nodes.filter((n) => n.id !== 'encObjective')];
    expect(lossNodeOf(doc)?.id).toBe('objective');
  });
});
