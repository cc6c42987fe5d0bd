// The encoded test points as a 2-D scatter: a 2-D latent drawn as it is, a larger one by
// the PCA of the encoded means (the plane in which they spread most), a 1-D one on a line.
import type { ScatterView } from '../protocol';
import { principalDirections, projectRows2 } from './principalDirections';

export function latentScatter(means: Float32Array, n: number, q: number, description: string, labels?: Int32Array): ScatterView {
  let points: Float32Array;
  let method: string;
  if (q === 2) {
    points = means.slice(0, 2 * n);
    method = `latent dimensions 1–2 (${description})`;
  } else if (q === 1) {
    points = new Float32Array(2 * n);
    for (let i = 0; i < n; i++) points[2 * i] = means[i];
    method = `latent dimension 1 (${description}); the vertical axis is empty`;
  } else {
    // Uncentred projection: the origin of the plot stays the prior's mean.
    points = projectRows2(principalDirections(means.subarray(0, n * q), n, q, 2), means, n);
    method = `PCA of the latent means (${description}), ${q} dimensions`;
  }
  return { points, labels, method };
}
