import { describe, expect, it } from 'vitest';
import { dataParams } from '../nodes/data/spec';
import { datasetFromParams } from './fromNode';

describe('datasetFromParams', () => {
  it('builds synthetic data from the defaults', () => {
    const r = datasetFromParams(dataParams.parse({}));
    expect(r.ok).toBe(true);
    if (r.ok) expect([r.data.n, r.data.d]).toEqual([1000, 10]);
  });

  it('asks for a CSV when none is loaded', () => {
    expect(datasetFromParams(dataParams.parse({ source: 'csv' }))).toEqual({
      ok: false,
      error: 'Load a CSV file: this data node has no data yet.',
    });
  });

  it('parses loaded CSV text and names errors after the file', () => {
    const good = datasetFromParams(dataParams.parse({ source: 'csv', csvName: 'iris.csv', csvText: 'a,b\n1,2\n' }));
    expect(good.ok && good.data.name).toBe('iris.csv');
    const bad = datasetFromParams(dataParams.parse({ source: 'csv', csvText: '1,2\n3\n' }));
    expect(bad).toEqual({ ok: false, error: 'data.csv line 2: expected 2 columns, found 1' });
  });
});
