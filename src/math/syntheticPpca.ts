import { normalSampler, seededUniform } from '../data/random';

/** Standard normal draws from a seeded uniform source (the data module's Box–Muller). */
export function gaussianSampler(seed: string): () => number {
  return normalSampler(seededUniform(seed));
}

/**
 * n draws from the PPCA generative model x = W z + b + σ ε, z ~ N(0, ν² I),
 * as a row-major n×d buffer: data whose true likelihood is known, for checking
 * the closed form and the trainers against it.
 */
export function samplePpcaData(
  seed: string,
  n: number,
  W: number[][],
  b: number[],
  nu: number,
  sigma: number,
): Float32Array {
  const d = W.length;
  const q = d > 0 ? W[0].length : 0;
  const normal = gaussianSampler(seed);
  const x = new Float32Array(n * d);
  const z = new Float64Array(q);
  for (let r = 0; r < n; r++) {
    for (let k = 0; k < q; k++) z[k] = nu * normal();
    for (let i = 0; i < d; i++) {
      let s = b[i] + sigma * normal();
      for (let k = 0; k < q; k++) s += W[i][k] * z[k];
      x[r * d + i] = s;
    }
  }
  return x;
}

/** A rows×cols matrix of independent N(0, scale²) entries. */
export function randomMatrix(seed: string, rows: number, cols: number, scale = 1): number[][] {
  const normal = gaussianSampler(seed);
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => scale * normal()));
}
