// The registry's capabilities are consistent: every loss declares an estimator (a run name,
// J, a TeX term or formula, a menu place), every kind a capability belongs to declares it,
// and no two estimators claim the same run name or place.
import { describe, expect, it } from 'vitest';
import { dataSourceOf, distributionOf, estimatorOf, isEstimator, layerOf, nodeSpecs, samplerOf, specsWith } from './registry';

const specs = [...nodeSpecs.values()];

describe('node capabilities', () => {
  it('every loss kind declares estimator metadata and its TeX; nothing else does', () => {
    for (const s of specs) {
      expect(isEstimator(s.kind), s.kind).toBe(s.family === 'loss');
      if (s.family !== 'loss') continue;
      const e = estimatorOf(s.kind)!;
      expect(typeof e.runName(s.defaults, 3), s.kind).toBe('string');
      expect(e.meaningOfJ.length, s.kind).toBeGreaterThan(0);
      expect('term' in e.tex || 'formula' in e.tex, s.kind).toBe(true);
      // A sampled estimator's name says J; one that samples nothing does not.
      expect(e.runName(s.defaults, 3).includes('J=3'), s.kind).toBe(e.samples);
    }
  });

  it('no two estimators claim the same run name or menu place', () => {
    const est = specsWith('estimator');
    const names = est.map((s) => s.estimator.runName(s.defaults, 3));
    expect(new Set(names).size).toBe(names.length);
    const order = est.map((s) => s.estimator.order);
    expect(new Set(order).size).toBe(order.length);
  });

  it('distributions, layers, samplers and the data source declare what the app asks of them', () => {
    for (const s of specs) {
      expect(!!distributionOf(s.kind), s.kind).toBe(s.family === 'distribution');
      expect(!!dataSourceOf(s.kind), s.kind).toBe(s.family === 'data');
      expect(!!samplerOf(s.kind), s.kind).toBe(s.family === 'sampler');
      expect(!!layerOf(s.kind), s.kind).toBe(s.family === 'linear' || s.family === 'network');
      const d = distributionOf(s.kind);
      if (d) expect(s.inputs.map((p) => p.name), s.kind).toContain(d.locationPort);
      const sm = samplerOf(s.kind);
      if (sm) expect(s.inputs.map((p) => p.name), s.kind).toContain(sm.distPort);
    }
  });
});

describe('the data source capability', () => {
  const data = specsWith('dataSource')[0];
  it('names the CSV it loads and says when the file carries it', () => {
    const ds = data.dataSource;
    expect(ds.fileLoader({ source: 'synthetic' })).toBeUndefined();
    expect(ds.fileLoader({ source: 'csv', csvName: 'a.csv', columns: 3 })).toEqual({ name: 'a.csv', columns: 3 });
    expect(ds.fileLoader({ source: 'csv' })).toEqual({ name: '', columns: 0 });
    expect(ds.embedsData({ source: 'csv', csvText: '1,2' })).toBe(true);
    expect(ds.embedsData({ source: 'csv', csvText: '' })).toBe(false);
    expect(ds.summary({ source: 'csv' })).toBe('no file loaded');
    expect(ds.summary({ source: 'mnist' })).toBeUndefined();
  });
});
