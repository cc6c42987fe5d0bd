import * as tf from '@tensorflow/tfjs-core';
import type { NodeBuilder } from '../runtime/types';
import { ppcaNll } from '../../math/ppcaTf';
import { findLinearGaussian } from './structure';
import { linearGaussianModel } from './linearGaussianModel';
import type { ExactNllParams } from './spec';

export const buildExactNll: NodeBuilder<ExactNllParams> = ({ node, doc, runtimes }) => {
  const found = findLinearGaussian(doc, node);
  if (!found.ok) throw new Error(found.reason);
  const model = linearGaussianModel(found.chain, runtimes);
  return {
    variables: [],
    output(_port, input) {
      const x = input('x') as tf.Tensor3D;
      const [, B, D] = x.shape;
      return ppcaNll(tf.reshape(x, [B, D]) as tf.Tensor2D, model.W(), model.b(), model.logNu2, model.logSigma2);
    },
  };
};
