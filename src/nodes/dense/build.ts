import type * as tf from '@tensorflow/tfjs-core';
import type { NodeBuilder } from '../runtime/types';
import { applyDense, denseVariables } from '../runtime/dense';
import type { DenseParams } from './spec';

export const buildDense: NodeBuilder<DenseParams> = ({ params, inputShapes, outputShapes, initSeed, varName, inputIsData }) => {
  const fromData = inputIsData('in');
  const { kernel, bias } = denseVariables(varName('dense'), (inputShapes.in as { dim: number }).dim, (outputShapes.out as { dim: number }).dim, params.initializer, initSeed);
  return {
    variables: [kernel, bias],
    output: (_port, input) => applyDense(input('in') as tf.Tensor3D, kernel as tf.Tensor2D, bias as tf.Tensor1D, fromData, params.activation),
  };
};
