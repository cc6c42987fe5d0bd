import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { sampleCovariance } from './sampleCovariance';

export { meanPpcaNll } from './ppcaMeanNll';

export interface PpcaClosedForm {
  b: Float64Array;
  sigma2: number;
  /** d×q; only W Wᵀ is identifiable (any rotation W R fits equally well). */
  W: number[][];
  /** All d eigenvalues of the sample covariance, largest first. */
  eigenvalues: Float64Array;
  /** Mean training NLL per example at this solution, nats. */
  meanNll: number;
}

/**
 * Maximum-likelihood PPCA (Tipping & Bishop 1999) from the eigendecomposition
 * of the sample covariance, with prior z ~ N(0, ν² I): the fast route that
 * gradient descent on the exact NLL should agree with.
 */
export function ppcaClosedForm(x: Float32Array | Float64Array, n: number, d: number, q: number, nu: number): PpcaClosedForm {
  if (!Number.isInteger(q) || q < 0) throw new Error(`The latent dimension q must be a whole number ≥ 0, got ${q}.`);
  if (q >= d) {
    throw new Error(
      `The closed-form PPCA solution needs fewer latent dimensions than data dimensions (q = ${q}, d = ${d}): ` +
        'the noise variance σ² is the mean of the d - q smallest eigenvalues, and there are none left.',
    );
  }
  if (!(nu > 0)) throw new Error(`The prior scale ν must be positive, got ${nu}.`);

  const { mean: b, cov } = sampleCovariance(x, n, d);
  const evd = new EigenvalueDecomposition(Matrix.from1DArray(d, d, cov), { assumeSymmetric: true });
  const raw = evd.realEigenvalues;
  const order = raw.map((_, i) => i).sort((i, j) => raw[j] - raw[i]);
  const eigenvalues = Float64Array.from(order, (i) => raw[i]);

  let tail = 0;
  for (let j = q; j < d; j++) tail += eigenvalues[j];
  const sigma2 = tail / (d - q);
  const top = Math.max(eigenvalues[0], 0);
  if (!(sigma2 > 1e-12 * top) || !(sigma2 > 0)) {
    const rank = top > 0 ? eigenvalues.filter((l) => l > 1e-10 * top).length : 0;
    // "Choose a latent dimension below 0" helps nobody: say what is wrong with the data.
    if (n - 1 <= q) {
      const spans = n === 1 ? 'which spans no direction at all' : `which span at most ${n - 1} direction${n === 2 ? '' : 's'}`;
      throw new Error(
        `The training data have only ${n} row${n === 1 ? '' : 's'}, ${spans}; PPCA with q = ${q} latent dimensions needs at least ${q + 2} rows ` +
          'so that some variance is left for the noise σ². Use more rows of data.',
      );
    }
    if (rank === 0) {
      throw new Error(
        `The training data have zero variance: all ${n} rows are the same in every one of the ${d} columns, so PPCA has no directions to find and its noise variance σ² would be 0. ` +
          'Use data whose values vary (check that the right file and columns were loaded).',
      );
    }
    throw new Error(
      `The data have essentially no variance outside the top ${q} principal directions, so the noise variance σ² would be 0 ` +
        `and the likelihood unbounded. Choose a latent dimension below ${rank}, the number of directions the data actually span.`,
    );
  }

  const U = evd.eigenvectorMatrix;
  // λ_j ≥ σ² holds in exact arithmetic; the clamp only absorbs rounding when
  // the spectrum is flat around index q.
  const scale = order.slice(0, q).map((_, k) => Math.sqrt(Math.max(eigenvalues[k] - sigma2, 0)) / nu);
  const W: number[][] = [];
  for (let i = 0; i < d; i++) W.push(order.slice(0, q).map((col, k) => U.get(i, col) * scale[k]));

  let logTop = 0;
  for (let j = 0; j < q; j++) logTop += Math.log(eigenvalues[j]);
  const meanNll = 0.5 * (d * Math.log(2 * Math.PI) + logTop + (d - q) * Math.log(sigma2) + d);
  return { b, sigma2, W, eigenvalues, meanNll };
}
