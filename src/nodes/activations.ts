// Activations shared by the network nodes: the names users pick, and their tfjs ops.
import * as tf from '@tensorflow/tfjs-core';
import { z } from 'zod';

export const activationSchema = z.enum(['relu', 'tanh', 'sigmoid', 'softplus', 'leakyRelu', 'linear']);
export type Activation = z.infer<typeof activationSchema>;

export const activationOptions: { value: Activation; label: string }[] = [
  { value: 'relu', label: 'ReLU' },
  { value: 'tanh', label: 'tanh' },
  { value: 'sigmoid', label: 'sigmoid' },
  { value: 'softplus', label: 'softplus' },
  { value: 'leakyRelu', label: 'leaky ReLU (0.2)' },
  { value: 'linear', label: 'linear (none)' },
];

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

export const initializerSchema = z.enum(['glorotUniform', 'heNormal', 'zeros']);
export type Initializer = z.infer<typeof initializerSchema>;
export const initializerOptions: { value: Initializer; label: string }[] = [
  { value: 'glorotUniform', label: 'Glorot uniform' },
  { value: 'heNormal', label: 'He normal' },
  { value: 'zeros', label: 'zeros' },
];
