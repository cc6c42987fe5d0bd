// The tfjs op behind each activation name (runtime only: node builders import this).
import * as tf from '@tensorflow/tfjs-core';
import type { Activation } from './activations';

export function activate(x: tf.Tensor, a: Activation): tf.Tensor {
  switch (a) {
    case 'relu':
      return tf.relu(x);
    case 'tanh':
      return tf.tanh(x);
    case 'sigmoid':
      return tf.sigmoid(x);
    case 'softplus':
      return tf.softplus(x);
    case 'leakyRelu':
      return tf.leakyRelu(x, 0.2);
    case 'linear':
      return x;
  }
}
