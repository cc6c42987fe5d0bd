import * as tf from '@tensorflow/tfjs-core';
import type { DistValue, NodeBuilder, NodeRuntime } from '../../compiler/runtimeTypes';
import { diagGaussianLogProb } from '../../math/gaussianTf';
import type { GaussianParams } from './spec';

/** A Gaussian's runtime also exposes its own log σ², which the exact-likelihood loss reads. */
export interface GaussianRuntime extends NodeRuntime {
  logVar: tf.Scalar;
}

export function isGaussianRuntime(r: NodeRuntime | undefined): r is GaussianRuntime {
  return !!r && (r as GaussianRuntime).logVar instanceof tf.Tensor;
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
      const m = input('mean') as tf.Tensor3D | undefined;
      const v = (input('logvar') as tf.Tensor3D | undefined) ?? logVar;
      const mean = m ?? tf.zeros([1, 1, dim]);
      const broadcastMean = (batch: number): tf.Tensor3D => (m ? m : tf.zeros([1, batch, dim]));
      return {
        family: 'gaussian',
        dim,
        reparameterised: true,
        gaussian: { mean, logVar: v, zeroMean: !m },
        logProb: (x) => diagGaussianLogProb(x, mean, v) as tf.Tensor2D,
        sample: (J, batch, seed) => {
          const mu = broadcastMean(batch);
          const S = mu.shape[0];
          const eps = tf.randomNormal([S * J, batch, dim], 0, 1, 'float32', seed);
          // Sample j of example-sample s sits at j·S + s, so tiling keeps it aligned.
          const tile = <T extends tf.Tensor>(t: T) => (J === 1 || t.rank === 0 || t.shape[0] !== S || S === 1 ? t : (tf.tile(t, [J, 1, 1]) as unknown as T));
          return tf.add(tile(mu), tf.mul(tf.exp(tf.mul(0.5, tile(v))), eps)) as tf.Tensor3D;
        },
        mean: broadcastMean,
      };
    },
  } satisfies GaussianRuntime;
};
