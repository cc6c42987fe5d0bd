import { describe, expect, it } from 'vitest';
import { alignRuns, hasMetric } from './runSeries';

describe('alignRuns', () => {
  it('puts runs of different lengths on one epoch axis with gaps as null', () => {
    const a = { history: [{ epoch: 1, trainLoss: 5, testLoss: 6, nll: 7 }, { epoch: 2, trainLoss: 4, testLoss: 5 }] };
    const b = { history: [{ epoch: 1, trainLoss: 9, testLoss: 9 }, { epoch: 2, trainLoss: NaN, testLoss: 8 }, { epoch: 3, trainLoss: 3, testLoss: 3 }] };
    expect(alignRuns([a, b], 'trainLoss')).toEqual([[1, 2, 3], [5, 4, null], [9, null, 3]]);
    expect(alignRuns([a, b], 'nll')).toEqual([[1, 2, 3], [7, null, null], [null, null, null]]);
    expect(hasMetric(a, 'nll')).toBe(true);
    expect(hasMetric(b, 'nll')).toBe(false);
  });

  it('gives an empty x column for no runs', () => {
    expect(alignRuns([], 'testLoss')).toEqual([[]]);
  });
});
