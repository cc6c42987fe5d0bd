// Activations and initialisers the network nodes offer: names and choices only. The tfjs
// side lives in activate.ts, so the editor never loads tfjs through a node spec.
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

export const initializerSchema = z.enum(['glorotUniform', 'heNormal', 'zeros']);
export type Initializer = z.infer<typeof initializerSchema>;
export const initializerOptions: { value: Initializer; label: string }[] = [
  { value: 'glorotUniform', label: 'Glorot uniform' },
  { value: 'heNormal', label: 'He normal' },
  { value: 'zeros', label: 'zeros' },
];
