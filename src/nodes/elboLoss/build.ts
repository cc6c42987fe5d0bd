import * as tf from '@tensorflow/tfjs-core';
import type { DistValue, NodeBuilder } from '../runtime/types';
import { gaussianKl } from '../../math/klTf';
import type { ElboLossParams } from './spec';

export const buildElboLoss: NodeBuilder<ElboLossParams> = ({ params }) => ({
  variables: [],
  output(_port, input) {
    const x = input('x') as tf.Tensor3D;
    const q = input('proposal') as DistValue;
    const p = input('prior') as DistValue;
    const reconstruction = tf.neg(tf.mean((input('likelihood') as DistValue).logProb(x), 0));
    const z = input('z') as tf.Tensor3D;
    const kl = params.kl === 'analytic' && q.gaussian && p.gaussian ? tf.mean(gaussianKl(q.gaussian, p.gaussian), 0) : tf.mean(tf.sub(q.logProb(z), p.logProb(z)), 0);
    return tf.add(reconstruction, kl);
  },
});
