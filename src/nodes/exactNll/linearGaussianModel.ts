// The PPCA parameters (W, b, ν², σ²) of a prior → linear… → Gaussian chain, composed from
// the nodes' own variables, so the exact loss and the evaluation read the same numbers.
import * as tf from '@tensorflow/tfjs-core';
import type { NodeRuntime } from '../runtime/types';
import { isGaussianRuntime } from '../gaussian/build';
import { isLinearRuntime } from '../linear/build';
import type { LinearGaussianChain } from './structure';

export interface LinearGaussianModel {
  /** W as in the math: [d, q], x = W z + b + noise. */
  W(): tf.Tensor2D;
  b(): tf.Tensor1D;
  logNu2: tf.Scalar;
  logSigma2: tf.Scalar;
  q: number;
  d: number;
}

export function linearGaussianModel(chain: LinearGaussianChain, runtimes: ReadonlyMap<string, NodeRuntime>): LinearGaussianModel {
  const prior = runtimes.get(chain.priorId);
  const lik = runtimes.get(chain.likelihoodId);
  const linears = chain.linearIds.map((id) => runtimes.get(id));
  if (!isGaussianRuntime(prior) || !isGaussianRuntime(lik) || !linears.every(isLinearRuntime)) {
    throw new Error('internal: the linear-Gaussian chain does not have the expected runtimes');
  }
  const layers = linears.filter(isLinearRuntime);
  const q = layers[0].kernel.shape[0] as number;
  const d = layers[layers.length - 1].kernel.shape[1] as number;
  // Compose x·K1 + b1, then ·K2 + b2, …: K = K1·K2·…, c = (b1·K2 + b2)·K3 + …
  const composite = () => {
    let K = layers[0].kernel as tf.Tensor2D;
    let c = (layers[0].bias ?? tf.zeros([layers[0].kernel.shape[1] as number])) as tf.Tensor1D;
    for (const l of layers.slice(1)) {
      K = tf.matMul(K, l.kernel);
      c = tf.squeeze(tf.matMul(tf.expandDims(c, 0), l.kernel), [0]) as tf.Tensor1D;
      if (l.bias) c = tf.add(c, l.bias);
    }
    return { K, c };
  };
  return {
    W: () => tf.transpose(composite().K),
    b: () => composite().c,
    logNu2: prior.logVar,
    logSigma2: lik.logVar,
    q,
    d,
  };
}
