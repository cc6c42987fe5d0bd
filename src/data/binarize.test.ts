import { describe, expect, it } from 'vitest';
import type { Dataset } from './dataset';
import { binarizationMethodNote, binarizationOf, binarizationWords, binarizeTestSet, binarizeTrainingSet, binarizeValues, keyedUniform, outOfRangeSentence, unitRangeProblem } from './binarize';
import { seededUniform } from './random';

/** n×d grey levels in [0, 1], seeded, with a few exact 0s and 1s. */
function grey(n: number, d: number, seed = 3): Dataset {
  const u = seededUniform(seed);
  const x = new Float32Array(n * d);
  for (let i = 0; i < x.length; i++) x[i] = i % 17 === 0 ? 0 : i % 19 === 0 ? 1 : u();
  const labels = new Int32Array(n).map((_, i) => i % 10);
  return { x, n, d, labels, name: 'grey' };
}

const mean = (x: Float32Array) => x.reduce((s, v) => s + v, 0) / x.length;
const same = (a: Float32Array, b: Float32Array) => a.length === b.length && a.every((v, i) => v === b[i]);
const fractionDiffering = (a: Float32Array, b: Float32Array) => a.reduce((s, v, i) => s + (v !== b[i] ? 1 : 0), 0) / a.length;

describe('binarizeValues', () => {
  const ds = grey(400, 50);

  it('gives values in {0, 1}: 0 stays 0, 1 stays 1', () => {
    const b = binarizeValues(ds.x, 'k');
    expect(b.every((v) => v === 0 || v === 1)).toBe(true);
    for (let i = 0; i < ds.x.length; i++) {
      if (ds.x[i] === 0) expect(b[i]).toBe(0);
      if (ds.x[i] === 1) expect(b[i]).toBe(1);
    }
  });

  it('is 1 with probability x: its mean is close to the grey-level mean', () => {
    const b = binarizeValues(ds.x, 'k');
    // 20,000 Bernoulli draws: the standard error of the mean is below 0.004.
    expect(Math.abs(mean(b) - mean(ds.x))).toBeLessThan(0.015);
    // And per level: values near 0.25 give about a quarter of ones.
    const near = [...ds.x.keys()].filter((i) => Math.abs(ds.x[i] - 0.25) < 0.05);
    expect(near.length).toBeGreaterThan(500);
    expect(Math.abs(near.reduce((s, i) => s + b[i], 0) / near.length - 0.25)).toBeLessThan(0.06);
  });

  it('is deterministic per key and differs across keys', () => {
    expect(same(binarizeValues(ds.x, 'a'), binarizeValues(ds.x, 'a'))).toBe(true);
    expect(fractionDiffering(binarizeValues(ds.x, 'a'), binarizeValues(ds.x, 'b'))).toBeGreaterThan(0.1);
  });

  it('draws uniforms in [0, 1) with the moments of U(0, 1)', () => {
    const u = keyedUniform('moments');
    const xs = Array.from({ length: 100_000 }, u);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const m = xs.reduce((s, v) => s + v, 0) / xs.length;
    const v = xs.reduce((s, x) => s + (x - m) ** 2, 0) / xs.length;
    expect(m).toBeCloseTo(0.5, 2);
    expect(v).toBeCloseTo(1 / 12, 2);
  });
});

describe('fixed and dynamic binarisation', () => {
  const train = grey(300, 20, 1);
  const test = grey(100, 20, 2);
  const fixed1 = { mode: 'fixed', seed: 1 } as const;
  const fixed2 = { mode: 'fixed', seed: 2 } as const;
  const dynamic = { mode: 'dynamic', seed: 1 } as const;

  it('fixed: the same sets every epoch, whatever the run seed; another seed gives other sets', () => {
    const a = binarizeTrainingSet(train, fixed1, 7, 1);
    expect(same(binarizeTrainingSet(train, fixed1, 7, 5).x, a.x)).toBe(true);
    expect(same(binarizeTrainingSet(train, fixed1, 99, 1).x, a.x)).toBe(true);
    expect(fractionDiffering(binarizeTrainingSet(train, fixed2, 7, 1).x, a.x)).toBeGreaterThan(0.1);
    expect(same(binarizeTestSet(test, fixed1).x, binarizeTestSet(test, fixed1).x)).toBe(true);
    expect(fractionDiffering(binarizeTestSet(test, fixed2).x, binarizeTestSet(test, fixed1).x)).toBeGreaterThan(0.1);
  });

  it('dynamic: a new training set every epoch, reproducible from the run seed and the epoch', () => {
    const e1 = binarizeTrainingSet(train, dynamic, 7, 1);
    const e2 = binarizeTrainingSet(train, dynamic, 7, 2);
    expect(fractionDiffering(e1.x, e2.x)).toBeGreaterThan(0.1);
    expect(same(binarizeTrainingSet(train, dynamic, 7, 2).x, e2.x)).toBe(true);
    expect(fractionDiffering(binarizeTrainingSet(train, dynamic, 8, 2).x, e2.x)).toBeGreaterThan(0.1);
    // Each epoch's draw has the grey levels' mean.
    expect(Math.abs(mean(e2.x) - mean(train.x))).toBeLessThan(0.03);
  });

  it('dynamic: the test set is drawn once with the node seed, as for fixed', () => {
    expect(same(binarizeTestSet(test, dynamic).x, binarizeTestSet(test, fixed1).x)).toBe(true);
  });

  it('keeps rows, columns and labels', () => {
    const b = binarizeTrainingSet(train, dynamic, 7, 3);
    expect([b.n, b.d, b.x.length]).toEqual([train.n, train.d, train.x.length]);
    expect(b.labels).toEqual(train.labels);
    expect(train.x.some((v) => v > 0 && v < 1)).toBe(true); // the grey levels are left as they were
  });
});

describe('binarizationOf and its words', () => {
  it('is off for none, for missing params (old files) and for synthetic data', () => {
    expect(binarizationOf({ source: 'mnist' })).toBeUndefined();
    expect(binarizationOf({ source: 'mnist', binarize: 'none' })).toBeUndefined();
    expect(binarizationOf({ source: 'synthetic', binarize: 'dynamic' })).toBeUndefined();
    expect(binarizationOf({ source: 'csv', binarize: 'fixed', binarizeSeed: 4 })).toEqual({ mode: 'fixed', seed: 4 });
    expect(binarizationOf({ source: 'mnist', binarize: 'dynamic' })).toEqual({ mode: 'dynamic', seed: 1 });
  });

  it('says how the data were binarised', () => {
    expect(binarizationWords({ mode: 'dynamic', seed: 1 })).toBe('binarised dynamically');
    expect(binarizationWords({ mode: 'fixed', seed: 3 })).toBe('binarised once (seed 3)');
    expect(binarizationMethodNote({ mode: 'fixed', seed: 3 })).toBe('test set binarised once (seed 3)');
    expect(binarizationMethodNote({ mode: 'dynamic', seed: 1 })).toMatch(/^test set binarised once \(seed 1\), training set .*every epoch/);
  });
});

describe('values outside [0, 1]', () => {
  it('are found, with the range, and said in a sentence', () => {
    const ok = grey(10, 4);
    expect(unitRangeProblem([ok])).toBeUndefined();
    const bad = { ...ok, x: ok.x.map((v, i) => (i === 3 ? 255 : i === 5 ? -0.5 : v)) };
    const r = unitRangeProblem([ok, bad])!;
    expect(r).toEqual({ min: -0.5, max: 255 });
    expect(outOfRangeSentence(r)).toBe('The data range from −0.5 to 255, but binarising grey levels needs values in [0, 1] (each value is the probability of a 1): rescale the data to [0, 1], or set "Binarise grey levels" to None.');
    expect(unitRangeProblem([{ ...ok, x: ok.x.map((v, i) => (i === 0 ? NaN : v)) }])).toBeDefined();
  });
});
