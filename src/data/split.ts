import { subset, type Dataset } from './dataset';
import { permutationFrom, seededUniform } from './random';

/** A seeded Fisher–Yates permutation of 0..n-1. */
export function seededPermutation(n: number, seed: number): Int32Array {
  return permutationFrom(n, seededUniform(seed));
}

/** How many of n rows go to the test set: never all of them, and never none when a test set was asked for. */
export function testCount(n: number, testFraction: number): number {
  if (!(testFraction > 0) || n < 2) return 0;
  const wanted = Math.round(n * Math.min(testFraction, 1));
  return Math.min(Math.max(wanted, 1), n - 1);
}

/**
 * The first nTest rows of a permutation are the test set. Both sides keep the shuffled
 * order: files are often sorted (MNIST's is by digit), and views that show "the first few
 * test examples" should show a fair sample, not sixteen zeros.
 */
export function splitByPermutation(ds: Dataset, perm: Int32Array, nTest: number): { train: Dataset; test: Dataset } {
  return {
    train: subset(ds, perm.slice(nTest), `${ds.name} (train)`),
    test: subset(ds, perm.slice(0, nTest), `${ds.name} (test)`),
  };
}

/** Seeded shuffle, then the first testCount rows are the test set. */
export function splitTrainTest(ds: Dataset, testFraction: number, seed: number): { train: Dataset; test: Dataset } {
  return splitByPermutation(ds, seededPermutation(ds.n, seed), testCount(ds.n, testFraction));
}

/**
 * Minibatch index lists for one epoch. Each epoch gets its own shuffle from (seed, epoch), so
 * training can resume at any epoch and reproduce the exact batches without replaying earlier ones.
 * The last batch may be smaller than batchSize; it is kept so every row is seen each epoch.
 */
export function batchOrder(n: number, batchSize: number, seed: number, epoch: number): Int32Array[] {
  const size = Math.max(1, Math.floor(batchSize));
  // A distinct string key keeps epoch streams apart from the train/test split stream of the same seed.
  const perm = permutationFrom(n, seededUniform(`batches:${seed}:${epoch}`));
  const batches: Int32Array[] = [];
  for (let s = 0; s < n; s += size) batches.push(perm.slice(s, s + size));
  return batches;
}
