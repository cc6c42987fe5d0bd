import type { Dataset } from './dataset';
import { normalSampler, seededUniform } from './random';

export interface SyntheticParams {
  d: number;
  q: number;
  noise: number;
  n: number;
  seed: number;
}

/** The generated data together with the ground truth it came from (to score recovered W / b). */
export interface SyntheticWithTruth {
  data: Dataset;
  /** Row-major d×q mixing matrix. */
  w: Float64Array;
  /** Length-d offset. */
  b: Float64Array;
}

/**
 * Offset scale: large enough that a model which forgets the mean is visibly wrong, while W's
 * unit-variance entries give each principal direction variance ≈ d, far above noise² = 0.09.
 */
const OFFSET_SCALE = 2;

/**
 * Samples from the PPCA generative model x = W z + b + noise·ε, z ~ N(0, I_q), ε ~ N(0, I_d).
 * W and b are drawn first from the same seeded stream, so one seed fixes the whole dataset.
 */
export function makeSyntheticWithTruth(p: SyntheticParams): SyntheticWithTruth {
  const { d, q, noise, n, seed } = p;
  const normal = normalSampler(seededUniform(seed));

  const w = new Float64Array(d * q);
  for (let k = 0; k < w.length; k++) w[k] = normal();
  const b = new Float64Array(d);
  for (let j = 0; j < d; j++) b[j] = OFFSET_SCALE * normal();

  const x = new Float32Array(n * d);
  const z = new Float64Array(q);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < q; k++) z[k] = normal();
    for (let j = 0; j < d; j++) {
      let v = b[j];
      for (let k = 0; k < q; k++) v += w[j * q + k] * z[k];
      x[i * d + j] = v + noise * normal();
    }
  }
  return { data: { x, n, d, name: `synthetic d=${d} q=${q}` }, w, b };
}

export function makeSynthetic(p: SyntheticParams): Dataset {
  return makeSyntheticWithTruth(p).data;
}
