import { describe, expect, it } from 'vitest';
import { inverseNormalCdf } from './inverseNormalCdf';

/** Φ by composite Simpson integration of the density from 0 — independent of the rational fits. */
function normalCdf(z: number): number {
  const n = 20000;
  const h = z / n;
  let s = 0;
  for (let i = 0; i <= n; i++) {
    const t = i * h;
    s += (i === 0 || i === n ? 1 : i % 2 ? 4 : 2) * Math.exp(-0.5 * t * t);
  }
  return 0.5 + ((s * h) / 3) / Math.sqrt(2 * Math.PI);
}

describe('inverseNormalCdf', () => {
  it('gives the textbook quantiles', () => {
    expect(inverseNormalCdf(0.5)).toBe(0);
    expect(inverseNormalCdf(0.975)).toBeCloseTo(1.959963984540054, 12);
    expect(inverseNormalCdf(0.025)).toBeCloseTo(-1.959963984540054, 12);
    expect(inverseNormalCdf(0.8413447460685429)).toBeCloseTo(1, 12); // Φ(1)
    expect(inverseNormalCdf(0.0013498980316300933)).toBeCloseTo(-3, 11); // Φ(−3)
    expect(inverseNormalCdf(0.999)).toBeCloseTo(3.090232306167813, 12);
    expect(inverseNormalCdf(1e-10)).toBeCloseTo(-6.361340902404056, 11); // the far-tail branch
    expect(inverseNormalCdf(1e-100)).toBeCloseTo(-21.27345356096532, 10);
  });

  it('inverts an independently integrated Φ across all three regions', () => {
    for (const z of [-4.5, -3.2, -2, -1.1, -0.3, 0.2, 0.9, 1.7, 2.6, 3.9]) {
      expect(inverseNormalCdf(normalCdf(z))).toBeCloseTo(z, 8);
    }
  });

  it('is odd-symmetric, monotone, and infinite or NaN at and beyond the ends', () => {
    let prev = -Infinity;
    for (let i = 1; i < 1000; i++) {
      const p = i / 1000;
      const z = inverseNormalCdf(p);
      expect(z).toBeGreaterThan(prev);
      expect(z).toBeCloseTo(-inverseNormalCdf(1 - p), 12);
      prev = z;
    }
    expect(inverseNormalCdf(0)).toBe(-Infinity);
    expect(inverseNormalCdf(1)).toBe(Infinity);
    expect(inverseNormalCdf(-0.1)).toBeNaN();
    expect(inverseNormalCdf(Number.NaN)).toBeNaN();
  });
});
