import type * as tf from '@tensorflow/tfjs-core';
import type { NodeBuilder } from '../runtime/types';
import { applyDense, denseVariables } from '../runtime/dense';
import { mixSeed } from '../runtime/seeds';
import type { MlpParams } from './spec';

export const buildMlp: NodeBuilder<MlpParams> = ({ params, inputShapes, outputShapes, initSeed, varName, inputIsData }) => {
  const fromData = inputIsData('in');
  const sizes = [(inputShapes.in as { dim: number }).dim, ...params.hidden, (outputShapes.out as { dim: number }).dim];
  const layers = sizes.slice(1).map((out, i) => denseVariables(varName(String(i)), sizes[i], out, params.initializer, mixSeed(initSeed, i)));
  return {
    variables: layers.flatMap((l) => [l.kernel, l.bias]),
    output(_port, input) {
      let h = input('in') as tf.Tensor3D;
      layers.forEach((l, i) => {
        const last = i === layers.length - 1;
        h = applyDense(h, l.kernel as tf.Tensor2D, l.bias as tf.Tensor1D, i === 0 && fromData, last ? params.outputActivation : params.activation);
      });
      return h;
    },
  };
};
