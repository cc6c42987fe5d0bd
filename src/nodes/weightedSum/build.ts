import * as tf from '@tensorflow/tfjs-core';
import type { NodeBuilder } from '../runtime/types';
import { SUM_SLOTS, type WeightedSumParams } from './spec';
import { warmUpFactor } from './schedule';

export const buildWeightedSum: NodeBuilder<WeightedSumParams> = ({ params }) => ({
  variables: [],
  output(_port, input, step) {
    let total: tf.Tensor | undefined;
    for (const slot of SUM_SLOTS) {
      const t = input(slot) as tf.Tensor | undefined;
      if (!t) continue;
      let w = params[`w${slot}`];
      if (params.warmUp === 'linear' && params.warmUpOn === slot) w *= warmUpFactor({ unit: params.warmUpUnit, length: params.warmUpLength }, step.progress);
      const term = w === 1 ? t : tf.mul(t, w);
      total = total ? tf.add(total, term) : term;
    }
    return total!;
  },
});
