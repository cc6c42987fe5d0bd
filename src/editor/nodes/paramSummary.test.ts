import { describe, expect, it } from 'vitest';
import { getSpec } from '../../nodes/registry';
import { paramSummary } from './paramSummary';

describe('paramSummary', () => {
  it('lists visible fields only', () => {
    const spec = getSpec('sampler')!;
    expect(paramSummary(spec, { mode: 'reparam', samples: 5 })).toBe('reparam · samples=5');
    expect(paramSummary(spec, { mode: 'mean', samples: 5 })).toBe('mean');
  });

  it('names the CSV file of a data node', () => {
    const spec = getSpec('data')!;
    expect(paramSummary(spec, { ...spec.defaults, source: 'csv', csvName: 'x.csv', columns: 3 })).toBe('csv · x.csv (3 columns)');
  });
});
