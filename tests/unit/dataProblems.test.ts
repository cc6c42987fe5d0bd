// Data PPCA cannot fit are named for what they are: zero variance, or too few rows, never
// "choose a latent dimension below 0".
import { describe, expect, it } from 'vitest';
import { ppcaClosedForm } from '../../src/math/ppcaClosedForm';

const rowsOf = (rows: number[][]) => ({ x: Float32Array.from(rows.flat()), n: rows.length, d: rows[0].length });
const fit = (rows: number[][], q: number) => {
  const { x, n, d } = rowsOf(rows);
  return () => ppcaClosedForm(x, n, d, q, 1);
};

describe('the PPCA closed form on data it cannot fit', () => {
  it('constant data: zero variance, with the number of rows and columns', () => {
    expect(fit(Array.from({ length: 10 }, () => [1, 2, 3]), 1)).toThrow(/^The training data have zero variance: all 10 rows are the same in every one of the 3 columns/);
    expect(fit(Array.from({ length: 50 }, () => [0, 0, 0, 0, 0]), 2)).toThrow(/^The training data have zero variance: all 50 rows are the same in every one of the 5 columns/);
  });

  it('too few rows: how many there are, how many directions they span and how many PPCA needs', () => {
    expect(fit([[1, 2, 3]], 2)).toThrow(/^The training data have only 1 row, which spans no direction at all; PPCA with q = 2 latent dimensions needs at least 4 rows/);
    expect(fit([[1, 2, 3, 4], [2, 0, 1, 5]], 1)).toThrow(/^The training data have only 2 rows, which span at most 1 direction; PPCA with q = 1 latent dimensions needs at least 3 rows/);
    expect(fit([[1, 2, 3, 4], [2, 0, 1, 5], [0, 1, 1, 1]], 2)).toThrow(/^The training data have only 3 rows, which span at most 2 directions; PPCA with q = 2/);
  });

  it('enough rows on a low-rank subspace still name the rank to choose below (never 0)', () => {
    const rows = Array.from({ length: 10 }, (_, r) => [r, 2 * r, 3 * r]);
    expect(fit(rows, 1)).toThrow(/Choose a latent dimension below 1, the number of directions the data actually span/);
  });
});
