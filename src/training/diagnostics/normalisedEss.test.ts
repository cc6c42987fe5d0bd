import { describe, expect, it } from 'vitest';
import { normalisedEss } from './normalisedEss';
import { RunningMoments } from './runningMoments';

/** The textbook formula on the weights themselves, in float64: fine while exp does not overflow. */
function naiveEss(logW: number[]): number {
  const w = logW.map(Math.exp);
  const s1 = w.reduce((a, b) => a + b, 0);
  const s2 = w.reduce((a, b) => a + b * b, 0);
  return (s1 * s1) / (w.length * s2);
}

/** A small deterministic generator, so the test needs no seeding library. */
function uniforms(n: number, seed: number): number[] {
  let s = seed >>> 0;
  return Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  });
}

describe('normalisedEss', () => {
  it('is 1 for equal weights and 1/K when one weight carries everything', () => {
    expect(normalisedEss([-3, -3, -3, -3])).toBeCloseTo(1, 15);
    expect(normalisedEss([0, -Infinity, -Infinity, -Infinity, -Infinity])).toBeCloseTo(1 / 5, 15);
    expect(normalisedEss([7])).toBe(1);
  });

  it('agrees with the float64 formula on moderate log-weights', () => {
    for (const seed of [1, 2, 3]) {
      const logW = uniforms(100, seed).map((u) => 6 * u - 3);
      expect(normalisedEss(logW)).toBeCloseTo(naiveEss(logW), 12);
    }
    const logW = [0, Math.log(2), Math.log(3)]; // weights 1, 2, 3: 36 / (3 · 14)
    expect(normalisedEss(logW)).toBeCloseTo(36 / 42, 14);
  });

  it('stays exact for log-weights far beyond float range, where the naive formula overflows', () => {
    const base = uniforms(50, 9).map((u) => 10 * u);
    for (const shift of [1e4, -1e4, 7.5e5]) {
      const shifted = base.map((v) => v + shift);
      expect(Number.isFinite(naiveEss(shifted))).toBe(false);
      expect(normalisedEss(shifted)).toBeCloseTo(naiveEss(base), 8);
    }
  });

  it('is NaN when no weight is usable', () => {
    expect(normalisedEss([])).toBeNaN();
    expect(normalisedEss([-Infinity, -Infinity])).toBeNaN();
    expect(normalisedEss([0, Number.NaN])).toBeNaN();
    expect(normalisedEss([0, Infinity])).toBeNaN();
  });
});

describe('RunningMoments', () => {
  it('matches the two-pass mean and spread, and gives exactly zero for identical repeats', () => {
    const rows = [uniforms(5, 1), uniforms(5, 2), uniforms(5, 3), uniforms(5, 4)];
    const m = new RunningMoments(5);
    rows.forEach((r) => m.add(r));
    const mean = rows[0].map((_, i) => rows.reduce((s, r) => s + r[i], 0) / rows.length);
    const spread = rows.reduce((s, r) => s + r.reduce((t, v, i) => t + (v - mean[i]) ** 2, 0), 0) / rows.length;
    expect(m.variance).toBeCloseTo(spread, 14);
    expect(m.meanSquaredNorm).toBeCloseTo(mean.reduce((s, v) => s + v * v, 0), 14);

    const same = new RunningMoments(3);
    for (let r = 0; r < 7; r++) same.add([0.1, 1e5 / 3, -2.7]);
    expect(same.variance).toBe(0);
  });
});
