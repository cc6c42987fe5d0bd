import * as tf from '@tensorflow/tfjs-core';
import type { DistValue, NodeBuilder, NodeRuntime } from '../runtime/types';
import { diagGaussianLogProb } from '../../math/gaussianTf';
import { stopGradient } from '../../math/stopGradient';
import type { GaussianParams } from './spec';

/** A Gaussian's runtime also exposes its own log σ², which the exact-likelihood loss reads. */
export interface GaussianRuntime extends NodeRuntime {
  logVar: tf.Scalar;
}

export function isGaussianRuntime(r: NodeRuntime | undefined): r is GaussianRuntime {
  return !!r && (r as GaussianRuntime).logVar instanceof tf.Tensor;
}

/** N(mean, diag e^v): `m` undefined is the zero mean of a prior. */
function gaussianValue(m: tf.Tensor3D | undefined, v: tf.Tensor, dim: number): DistValue {
  const mean = m ?? tf.zeros([1, 1, dim]);
  const broadcastMean = (batch: number): tf.Tensor3D => (m ? m : tf.zeros([1, batch, dim]));
  return {
    family: 'gaussian',
    dim,
    reparameterised: true,
    gaussian: { mean, logVar: v, zeroMean: !m },
    logProb: (x) => diagGaussianLogProb(x, mean, v) as tf.Tensor2D,
    sample: (J, batch, noise) => {
      // The sampler's shape rule allows J > 1 only when S = 1, so the mean and the
      // log-variance broadcast over the J draws as they are.
      const mu = broadcastMean(batch);
      const eps = noise.normal([mu.shape[0] * J, batch, dim]);
      return tf.add(mu, tf.mul(tf.exp(tf.mul(0.5, v)), eps)) as tf.Tensor3D;
    },
    mean: broadcastMean,
    heldFixed: () => gaussianValue(m && stopGradient(m), stopGradient(v), dim),
  };
}

export const buildGaussian: NodeBuilder<GaussianParams> = ({ params, outputShapes, varName }) => {
  const dim = (outputShapes.dist as { dim: number }).dim;
  const learned = params.scaleMode === 'learned';
  const init = Math.log(params.scale * params.scale);
  // Learned scales are optimised in log space so σ stays positive without constraints.
  const logVar: tf.Scalar = learned ? tf.tidy(() => tf.variable(tf.scalar(init), true, varName('logVar'))) : tf.scalar(init);

  return {
    logVar,
    variables: learned ? [logVar as tf.Variable] : [],
    dispose: () => {
      if (!learned) logVar.dispose();
    },
    output(_port, input): DistValue {
      return gaussianValue(input('mean') as tf.Tensor3D | undefined, (input('logvar') as tf.Tensor3D | undefined) ?? logVar, dim);
    },
  } satisfies GaussianRuntime;
};
