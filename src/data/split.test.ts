import { describe, expect, it } from 'vitest';
import type { Dataset } from './dataset';
import { rows, subset } from './dataset';
import { batchOrder, seededPermutation, splitTrainTest } from './split';

/** Row i is [i, 10·i], so a split's rows reveal which original rows they came from. */
function indexed(n: number): Dataset {
  const x = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    x[2 * i] = i;
    x[2 * i + 1] = 10 * i;
  }
  return { x, n, d: 2, labels: Int32Array.from({ length: n }, (_, i) => i % 3), name: 'idx' };
}

function firstColumn(ds: Dataset): number[] {
  return Array.from({ length: ds.n }, (_, i) => ds.x[i * ds.d]);
}

describe('dataset helpers', () => {
  it('gathers rows and labels', () => {
    const ds = indexed(5);
    expect(Array.from(rows(ds, [3, 0]))).toEqual([3, 30, 0, 0]);
    const s = subset(ds, Int32Array.from([4, 1]), 'two');
    expect(s.n).toBe(2);
    expect(s.name).toBe('two');
    expect(Array.from(s.labels!)).toEqual([1, 1]);
    expect(() => rows(ds, [5])).toThrow(RangeError);
  });
});

describe('seededPermutation', () => {
  it('is a deterministic permutation', () => {
    const p = seededPermutation(100, 3);
    expect(Array.from(p).sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(seededPermutation(100, 3)).toEqual(p);
    expect(seededPermutation(100, 4)).not.toEqual(p);
  });
});

describe('splitTrainTest', () => {
  it('is deterministic, disjoint and covers all rows', () => {
    const ds = indexed(50);
    const { train, test } = splitTrainTest(ds, 0.2, 11);
    expect(test.n).toBe(10);
    expect(train.n).toBe(40);
    const all = [...firstColumn(train), ...firstColumn(test)].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 50 }, (_, i) => i));
    // Rows stay whole (both columns move together) and labels follow them.
    for (let i = 0; i < test.n; i++) {
      expect(test.x[2 * i + 1]).toBe(10 * test.x[2 * i]);
      expect(test.labels![i]).toBe(test.x[2 * i] % 3);
    }
    const again = splitTrainTest(ds, 0.2, 11);
    expect(firstColumn(again.test)).toEqual(firstColumn(test));
    expect(firstColumn(splitTrainTest(ds, 0.2, 12).test)).not.toEqual(firstColumn(test));
  });

  it('rounds the test size', () => {
    expect(splitTrainTest(indexed(10), 0.25, 1).test.n).toBe(3);
    expect(splitTrainTest(indexed(10), 0.5, 1).test.n).toBe(5);
  });

  it('handles edge cases', () => {
    // Fraction 0: everything trains.
    const none = splitTrainTest(indexed(10), 0, 1);
    expect(none.test.n).toBe(0);
    expect(none.test.x.length).toBe(0);
    expect(none.train.n).toBe(10);
    // n = 2: one row each, whatever the fraction.
    for (const f of [0.01, 0.5, 0.99, 1]) {
      const s = splitTrainTest(indexed(2), f, 1);
      expect([s.train.n, s.test.n]).toEqual([1, 1]);
    }
    // A tiny fraction still holds out one row; a huge one still trains on one.
    expect(splitTrainTest(indexed(100), 0.001, 1).test.n).toBe(1);
    expect(splitTrainTest(indexed(100), 0.999, 1).train.n).toBe(1);
  });
});

describe('batchOrder', () => {
  it('covers every index exactly once per epoch, keeping the last partial batch', () => {
    const batches = batchOrder(23, 5, 9, 0);
    expect(batches.map((b) => b.length)).toEqual([5, 5, 5, 5, 3]);
    const seen = batches.flatMap((b) => Array.from(b)).sort((a, b) => a - b);
    expect(seen).toEqual(Array.from({ length: 23 }, (_, i) => i));
  });

  it('is the same for the same seed and epoch, different across epochs and seeds', () => {
    const flat = (seed: number, epoch: number) => batchOrder(40, 8, seed, epoch).flatMap((b) => Array.from(b));
    expect(flat(9, 3)).toEqual(flat(9, 3));
    expect(flat(9, 4)).not.toEqual(flat(9, 3));
    expect(flat(10, 3)).not.toEqual(flat(9, 3));
  });

  it('handles a batch larger than the data and empty data', () => {
    expect(batchOrder(4, 100, 1, 0).map((b) => b.length)).toEqual([4]);
    expect(batchOrder(0, 8, 1, 0)).toEqual([]);
  });
});
