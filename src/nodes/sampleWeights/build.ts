import * as tf from '@tensorflow/tfjs-core';
import type { NodeBuilder } from '../runtime/types';
import { stopGradient } from '../../math/stopGradient';
import type { SampleWeightsParams } from './spec';

export const buildSampleWeights: NodeBuilder<SampleWeightsParams> = ({ params }) => ({
  variables: [],
  output(_port, input) {
    const logW = input('logWeights') as tf.Tensor2D;
    // softmax over the sample axis. Log weights are hundreds of nats from zero: ℓ − max ℓ is
    // exact for close ones, while ℓ − logSumExp ℓ (a rounded number of that size) would cost
    // the weights ~1e-5 of their value. The shift cancels in the softmax, so it needs no gradient.
    const shifted = tf.exp(tf.sub(logW, stopGradient(tf.max(logW, 0, true))));
    const normalised = tf.div(shifted, tf.sum(shifted, 0, true));
    const w = params.power === 'squared' ? tf.square(normalised) : normalised;
    return params.holdFixed ? stopGradient(w) : w;
  },
});
