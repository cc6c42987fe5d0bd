import { describe, expect, it } from 'vitest';
import { makeSynthetic, makeSyntheticWithTruth } from './synthetic';

const defaults = { d: 10, q: 2, noise: 0.3, n: 4000, seed: 7 };

/** Sample covariance (d×d, row-major) of a row-major n×d array. */
function covariance(x: Float32Array, n: number, d: number): Float64Array {
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += x[i * d + j] / n;
  const c = new Float64Array(d * d);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < d; a++) {
      const da = x[i * d + a] - mean[a];
      for (let b = 0; b < d; b++) c[a * d + b] += (da * (x[i * d + b] - mean[b])) / (n - 1);
    }
  }
  return c;
}

/** Eigenvalues of a symmetric matrix, largest first, by power iteration with deflation. */
function topEigenvalues(m: Float64Array, d: number, count: number): number[] {
  const a = Float64Array.from(m);
  const values: number[] = [];
  for (let e = 0; e < count; e++) {
    let v = new Float64Array(d).map((_, i) => 1 + i * 0.01);
    let lambda = 0;
    for (let it = 0; it < 2000; it++) {
      const w = new Float64Array(d);
      for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) w[i] += a[i * d + j] * v[j];
      const norm = Math.hypot(...w);
      lambda = norm;
      v = w.map((x) => x / norm);
    }
    values.push(lambda);
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) a[i * d + j] -= lambda * v[i] * v[j];
  }
  return values;
}

describe('makeSynthetic', () => {
  it('has the requested shape and name', () => {
    const ds = makeSynthetic(defaults);
    expect(ds.n).toBe(4000);
    expect(ds.d).toBe(10);
    expect(ds.x.length).toBe(40000);
    expect(ds.name).toBe('synthetic d=10 q=2');
    expect(ds.x.every(Number.isFinite)).toBe(true);
  });

  it('is deterministic per seed and differs across seeds', () => {
    const a = makeSynthetic(defaults);
    const b = makeSynthetic(defaults);
    const c = makeSynthetic({ ...defaults, seed: 8 });
    expect(b.x).toEqual(a.x);
    expect(c.x).not.toEqual(a.x);
  });

  it('has the PPCA covariance: q strong directions over an isotropic noise floor', () => {
    const { data, w, b } = makeSyntheticWithTruth(defaults);
    const { d, q, noise } = defaults;
    const cov = covariance(data.x, data.n, d);

    // Total variance should match trace(W Wᵀ) + d·noise² = ΣW² + d·noise².
    const trace = cov.reduce((s, _, k) => (k % (d + 1) === 0 ? s + cov[k] : s), 0);
    const expected = w.reduce((s, v) => s + v * v, 0) + d * noise * noise;
    expect(Math.abs(trace - expected) / expected).toBeLessThan(0.1);

    // The q latent directions dominate; the remaining spectrum sits at the noise variance.
    const eig = topEigenvalues(cov, d, q + 1);
    expect(eig[q - 1]).toBeGreaterThan(20 * noise * noise);
    expect(eig[q]).toBeLessThan(1.5 * noise * noise);
    expect(eig[q]).toBeGreaterThan(0.5 * noise * noise);

    // The sample mean recovers the offset b.
    for (let j = 0; j < d; j++) {
      let mean = 0;
      for (let i = 0; i < data.n; i++) mean += data.x[i * d + j] / data.n;
      expect(Math.abs(mean - b[j])).toBeLessThan(0.25);
    }
  });
});
