// The eigendecomposition optimum of PPCA for the run's data: the reference line the
// gradient-trained model should reach, and the subspace it should find.
import type { CompiledModel } from '../compiler/compile';
import type { LinearGaussianModel } from '../nodes/exactNll/linearGaussianModel';
import type { Dataset } from '../data/dataset';
import { ppcaClosedForm, meanPpcaNll, type PpcaClosedForm } from '../math/ppcaClosedForm';
import { principalAnglesDeg } from '../math/subspace';
import type { ClosedFormSummary } from './protocol';

export interface ClosedFormFit {
  summary: ClosedFormSummary;
  solution: PpcaClosedForm;
}

export function closedFormFor(model: CompiledModel, nu: number, train: Dataset, test: Dataset): ClosedFormFit | undefined {
  const lg = model.linearGaussian!;
  if (lg.q >= train.d) return undefined; // σ² has no eigenvalues left to average
  const solution = ppcaClosedForm(train.x, train.n, train.d, lg.q, nu);
  const testNll = test.n > 0 ? meanPpcaNll(test.x, test.n, test.d, solution.W, solution.b, nu * nu, solution.sigma2) : NaN;
  return { solution, summary: { trainNll: solution.meanNll, testNll, sigma2: solution.sigma2 } };
}

/** Learned σ² and the largest principal angle between learned and closed-form subspaces. */
export async function compareWithClosedForm(lg: LinearGaussianModel, cf: ClosedFormFit): Promise<{ sigma2: number; subspaceAngleDeg: number }> {
  const W = lg.W();
  const flat = await W.data();
  W.dispose();
  const learned = Array.from({ length: lg.d }, (_, i) => Array.from(flat.subarray(i * lg.q, (i + 1) * lg.q)));
  const sigma2 = Math.exp((await lg.logSigma2.data())[0]);
  const angles = principalAnglesDeg(learned, cf.solution.W);
  return { sigma2, subspaceAngleDeg: Math.max(...angles) };
}
