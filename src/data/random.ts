import seedrandom from 'seedrandom';

/** A uniform [0, 1) generator. */
export type Uniform = () => number;

/**
 * All data randomness goes through seedrandom (not Math.random) so that the worker, the CLI
 * and the tests produce bit-identical datasets, splits and batch orders from the same seed.
 */
export function seededUniform(seed: number | string): Uniform {
  return seedrandom(String(seed));
}

/** Standard normal draws by Box–Muller; the second value of each pair is kept for the next call. */
export function normalSampler(uniform: Uniform): () => number {
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const v = spare;
      spare = null;
      return v;
    }
    // 1 - u keeps the argument of log in (0, 1], so log never sees 0.
    const r = Math.sqrt(-2 * Math.log(1 - uniform()));
    const theta = 2 * Math.PI * uniform();
    spare = r * Math.sin(theta);
    return r * Math.cos(theta);
  };
}

/** Fisher–Yates shuffle of 0..n-1 driven by the given generator. */
export function permutationFrom(n: number, uniform: Uniform): Int32Array {
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(uniform() * (i + 1));
    const t = perm[i];
    perm[i] = perm[j];
    perm[j] = t;
  }
  return perm;
}
