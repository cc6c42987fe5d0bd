// The lecture's PPCA picture: the test data in the plane of its top two principal directions,
// with the principal axes of the learned model and of the eigendecomposition optimum drawn
// over it, so one sees gradient descent turn the axes onto the closed-form ones.
import * as tf from '@tensorflow/tfjs-core';
import type { LinearGaussianModel } from '../../nodes/exactNll/linearGaussianModel';
import type { Dataset } from '../../data/dataset';
import { ppcaClosedForm } from '../../math/ppcaClosedForm';
import type { PpcaView } from '../protocol';
import { ppcaAxes, principalDirections, projectRows2, projectVector, type Directions } from './principalDirections';

/** Only the first two axes lie (mostly) in the drawn plane; the rest would project to clutter. */
const MAX_AXES = 2;

// The projection and the closed form depend only on the data (and q), not on the weights:
// computed once per dataset, not at every view. For MNIST-sized d this is the costly part.
const projections = new WeakMap<Dataset, { mean: Float64Array } & Directions>();
const closedForms = new WeakMap<Dataset, Map<number, Float64Array[] | string>>();

function projectionOf(test: Dataset) {
  let p = projections.get(test);
  if (!p) {
    p = principalDirections(test.x, test.n, test.d, 2);
    projections.set(test, p);
  }
  return p;
}

/** Closed-form axes U_j √(λ_j − σ²) (ν cancels: ν·W with W fitted for ν), or why there are none. */
function closedFormAxes(train: Dataset, q: number): Float64Array[] | string {
  let byQ = closedForms.get(train);
  if (!byQ) closedForms.set(train, (byQ = new Map()));
  let axes = byQ.get(q);
  if (!axes) {
    try {
      const cf = ppcaClosedForm(train.x, train.n, train.d, q, 1);
      axes = ppcaAxes(Float64Array.from(cf.W.flat()), train.d, q, 1);
    } catch (e) {
      axes = e instanceof Error ? e.message : String(e);
    }
    byQ.set(q, axes);
  }
  return axes;
}

/** The view, plus a sentence when the closed-form axes cannot be drawn. */
export async function ppcaView(lg: LinearGaussianModel, train: Dataset, test: Dataset): Promise<{ view: PpcaView; note?: string }> {
  const { W, logNu2 } = tf.tidy(() => ({ W: lg.W(), logNu2: tf.clone(lg.logNu2) }));
  const [w, ln] = await Promise.all([W.data(), logNu2.data()]);
  W.dispose();
  logNu2.dispose();
  const { d, q } = lg;

  let dirs: Directions;
  let mean: Float64Array;
  let method: string;
  if (d === 2) {
    // Two features need no projection; drawing the raw coordinates keeps the axes' units.
    dirs = { vectors: Float64Array.of(1, 0, 0, 1), values: Float64Array.of(NaN, NaN), k: 2, d: 2 };
    mean = new Float64Array(2);
    for (let i = 0; i < test.n; i++) for (let j = 0; j < 2; j++) mean[j] += test.x[2 * i + j] / test.n;
    method = 'data coordinates x₁, x₂';
  } else {
    const p = projectionOf(test);
    dirs = p;
    mean = p.mean;
    method = 'test data on its top two principal directions (PC1, PC2)';
  }
  const to2d = (axis: ArrayLike<number>): [number, number] => {
    const [a, b] = projectVector(dirs, axis);
    return [a, b ?? 0];
  };
  const learned = ppcaAxes(w, d, q, Math.exp(0.5 * ln[0])).slice(0, MAX_AXES).map(to2d);
  const cf = closedFormAxes(train, q);
  const center = to2d(mean);
  const view: PpcaView = {
    points: projectRows2(dirs, test.x, test.n),
    labels: test.labels ? test.labels.slice() : undefined,
    method,
    center,
    learnedAxes: learned,
    closedFormAxes: typeof cf === 'string' ? [] : cf.slice(0, MAX_AXES).map(to2d),
  };
  return { view, note: typeof cf === 'string' ? `The closed-form axes are not drawn: ${cf}` : undefined };
}
