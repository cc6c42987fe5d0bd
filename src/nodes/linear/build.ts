import * as tf from '@tensorflow/tfjs-core';
import type { NodeBuilder, NodeRuntime } from '../runtime/types';
import { applyDense, glorotUniform } from '../runtime/dense';
import type { LinearParams } from './spec';

/** Kernel is [in, out] so a batch applies as x·K; the math's W is Kᵀ. */
export interface LinearRuntime extends NodeRuntime {
  kernel: tf.Variable;
  bias?: tf.Variable;
}

export function isLinearRuntime(r: NodeRuntime | undefined): r is LinearRuntime {
  return !!r && (r as LinearRuntime).kernel instanceof tf.Variable;
}

export const buildLinear: NodeBuilder<LinearParams> = ({ params, inputShapes, outputShapes, initSeed, varName, inputIsData }) => {
  const fromData = inputIsData('in');
  const inDim = (inputShapes.in as { dim: number }).dim;
  const outDim = (outputShapes.out as { dim: number }).dim;
  // tidy releases the initial values; variables survive it.
  const kernel = tf.tidy(() => tf.variable(glorotUniform([inDim, outDim], initSeed), true, varName('kernel')));
  const bias = params.bias ? tf.tidy(() => tf.variable(tf.zeros([outDim]), true, varName('bias'))) : undefined;
  return {
    kernel,
    bias,
    variables: bias ? [kernel, bias] : [kernel],
    output: (_port, input) => applyDense(input('in') as tf.Tensor3D, kernel as tf.Tensor2D, bias as tf.Tensor1D | undefined, fromData),
  } satisfies LinearRuntime;
};
