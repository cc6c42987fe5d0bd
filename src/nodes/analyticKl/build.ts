import * as tf from '@tensorflow/tfjs-core';
import type { DistValue, NodeBuilder } from '../runtime/types';
import { gaussianKl } from '../../math/klTf';

export const buildAnalyticKl: NodeBuilder<Record<string, never>> = ({ outputShapes }) => {
  const S = (outputShapes.term as { samples: number }).samples;
  return {
    variables: [],
    output(_port, input, step) {
      const q = (input('q') as DistValue).gaussian!;
      const p = (input('p') as DistValue).gaussian!;
      // A prior's parameters have no batch axis: broadcast the KL to one per sample and example.
      return tf.add(gaussianKl(q, p), tf.zeros([S, step.batch]));
    },
  };
};
