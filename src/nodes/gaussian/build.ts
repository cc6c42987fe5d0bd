import * as tf from '@tensorflow/tfjs-core';
import type { DistValue, NodeBuilder, NodeRuntime } from '../../compiler/runtimeTypes';
import { isoGaussianLogProb } from '../../math/gaussianTf';
import type { GaussianParams } from './spec';

/** A Gaussian's runtime also exposes log σ², which the exact-likelihood loss reads. */
export interface GaussianRuntime extends NodeRuntime {
  logVar: tf.Scalar;
}

export function isGaussianRuntime(r: NodeRuntime | undefined): r is GaussianRuntime {
  return !!r && (r as GaussianRuntime).logVar instanceof tf.Tensor;
}

export const buildGaussian: NodeBuilder<GaussianParams> = ({ node, params, outputShapes }) => {
  const dim = (outputShapes.dist as { dim: number }).dim;
  const init = Math.log(params.scale * params.scale);
  // Learned scales are optimised in log space so σ stays positive without constraints.
  const logVar: tf.Scalar = params.scaleMode === 'learned' ? tf.tidy(() => tf.variable(tf.scalar(init), true, `${node.id}/logVar`)) : tf.scalar(init);

  return {
    logVar,
    variables: params.scaleMode === 'learned' ? [logVar as tf.Variable] : [],
    dispose: () => {
      if (params.scaleMode !== 'learned') logVar.dispose();
    },
    output(_port, input): DistValue {
      const m = input('mean') as tf.Tensor3D | undefined;
      const meanOf = (batch: number): tf.Tensor3D => (m ? m : tf.zeros([1, batch, dim]));
      return {
        family: 'gaussian',
        dim,
        logProb: (x) => isoGaussianLogProb(x, m ?? tf.zeros([1, 1, dim]), logVar) as tf.Tensor2D,
        sample: (J, batch, seed) => {
          const mean = meanOf(batch);
          const [S] = mean.shape;
          const eps = tf.randomNormal([S * J, batch, dim], 0, 1, 'float32', seed);
          const tiled = S === 1 ? mean : tf.tile(mean, [J, 1, 1]);
          return tf.add(tiled, tf.mul(tf.exp(tf.mul(0.5, logVar)), eps)) as tf.Tensor3D;
        },
        mean: meanOf,
      };
    },
  } satisfies GaussianRuntime;
};
