// Binarised grey levels, as the literature evaluates on MNIST (Burda et al., the IWAE paper):
// each value x in [0, 1] becomes 1 with probability x, i.e. x_bin = 1 if u < x else 0 with
// u ~ U(0, 1). 'fixed' draws the u's once (binarizeSeed) for the training and the test set;
// 'dynamic' draws a new training set every epoch (from the run's seed and the epoch, so a run
// is reproducible) while the test set is drawn once with binarizeSeed, so held-out numbers
// compare across epochs and runs. Pure TS with its own seeded generator: the CLI, the worker
// and the tests draw bit-identical sets.
import type { Dataset } from './dataset';

export type BinarizeMode = 'none' | 'fixed' | 'dynamic';

/** How a run binarises its data; undefined: it does not. */
export interface Binarization {
  mode: 'fixed' | 'dynamic';
  /** The seed of the test set's draw (and, for 'fixed', of the training set's). */
  seed: number;
}

/** Sources whose grey levels may be binarised (synthetic Gaussian data are not in [0, 1]). */
const BINARISABLE = new Set(['mnist', 'csv']);

/**
 * A data node's binarisation from its (raw) params: off unless the source is MNIST or a CSV
 * and `binarize` is 'fixed' or 'dynamic' (the inspector hides the field for synthetic data,
 * so a value left there from before does nothing).
 */
export function binarizationOf(p: { source?: unknown; binarize?: unknown; binarizeSeed?: unknown }): Binarization | undefined {
  if (!BINARISABLE.has(String(p.source ?? 'synthetic'))) return undefined;
  if (p.binarize !== 'fixed' && p.binarize !== 'dynamic') return undefined;
  const seed = Number(p.binarizeSeed ?? 1);
  return { mode: p.binarize, seed: Number.isFinite(seed) ? seed : 1 };
}

/** "binarised dynamically", "binarised once (seed 1)": the words the node's summary and TeX add. */
export function binarizationWords(b: Binarization): string {
  return b.mode === 'dynamic' ? 'binarised dynamically' : `binarised once (seed ${b.seed})`;
}

/** What the held-out NLL's method adds: how the test set (and the training set) were binarised. */
export function binarizationMethodNote(b: Binarization): string {
  return b.mode === 'dynamic' ? `test set binarised once (seed ${b.seed}), training set binarised dynamically (resampled every epoch)` : `test set binarised once (seed ${b.seed})`;
}

/** 32-bit FNV-1a of a string: the key of a draw → the generator's start state. */
function hashKey(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * A fast seeded uniform [0, 1) generator (mulberry32), started from a string key. Millions
 * of draws per epoch (MNIST's 9,000 × 784 grey levels) take tens of milliseconds.
 */
export function keyedUniform(key: string): () => number {
  let a = hashKey(key);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** x_bin[i] = 1 if u_i < x[i] else 0, with the u's drawn from the key's stream. */
export function binarizeValues(x: Float32Array, key: string): Float32Array {
  const out = new Float32Array(x.length);
  // keyedUniform's steps, inlined: a call per value would double the time on MNIST.
  let a = hashKey(key);
  for (let i = 0; i < x.length; i++) {
    a = (a + 0x6d2b79f5) | 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((t ^ (t >>> 14)) >>> 0) / 4294967296 < x[i] ? 1 : 0;
  }
  return out;
}

/** The smallest and largest value, and whether any lies outside [0, 1] (NaN counts as outside). */
export function unitRangeProblem(sets: { x: Float32Array; n: number; d: number }[]): { min: number; max: number } | undefined {
  let min = Infinity;
  let max = -Infinity;
  let bad = false;
  for (const ds of sets) {
    const m = ds.n * ds.d;
    for (let i = 0; i < m; i++) {
      const v = ds.x[i];
      if (!(v >= 0 && v <= 1)) bad = true;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  return bad ? { min, max } : undefined;
}

/** The sentence for data that cannot be binarised; `where`: "The CSV", "The data". */
export function outOfRangeSentence(range: { min: number; max: number }, where = 'The data'): string {
  const f = (v: number) => (Number.isFinite(v) ? String(Number(v.toPrecision(3))).replace(/^-/, '−') : String(v));
  return `${where} range from ${f(range.min)} to ${f(range.max)}, but binarising grey levels needs values in [0, 1] (each value is the probability of a 1): rescale the data to [0, 1], or set "Binarise grey levels" to None.`;
}

// The keys of the draws. Distinct prefixes keep them apart from each other and from every
// other seeded stream of the project (splits, batches, initialisation use seedrandom).
const testKey = (b: Binarization) => `binarize:test:${b.seed}`;
const fixedTrainKey = (b: Binarization) => `binarize:train:${b.seed}`;
const dynamicTrainKey = (runSeed: number, epoch: number) => `binarize:dynamic:${runSeed}:${epoch}`;

function binarizedSet(ds: Dataset, key: string, words: string): Dataset {
  return { ...ds, x: binarizeValues(ds.x, key), name: `${ds.name}, ${words}` };
}

/** The test set, binarised once with the node's seed (for 'fixed' and 'dynamic' alike). */
export function binarizeTestSet(test: Dataset, b: Binarization): Dataset {
  return binarizedSet(test, testKey(b), `binarised once (seed ${b.seed})`);
}

/**
 * The training set for an epoch (1-based): the same draw every epoch for 'fixed', a new one
 * per epoch for 'dynamic', from the run's seed and the epoch.
 */
export function binarizeTrainingSet(train: Dataset, b: Binarization, runSeed: number, epoch: number): Dataset {
  return b.mode === 'fixed' ? binarizedSet(train, fixedTrainKey(b), `binarised once (seed ${b.seed})`) : binarizedSet(train, dynamicTrainKey(runSeed, epoch), 'binarised dynamically');
}
