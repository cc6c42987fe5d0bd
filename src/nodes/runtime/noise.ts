// The randomness a distribution draws from, as a value: the training core seeds it, and the
// PyTorch export's first-step check records it (src/export/pytorch/check.ts) so the exported
// model replays the very draws the app made.
import * as tf from '@tensorflow/tfjs-core';

/** Standard noise of a given shape: ε ~ N(0, 1) for a Gaussian, u ~ U(0, 1) for a Bernoulli. */
export interface Noise {
  normal(shape: number[]): tf.Tensor;
  uniform(shape: number[]): tf.Tensor;
}

export function seededNoise(seed: number): Noise {
  return {
    normal: (shape) => tf.randomNormal(shape, 0, 1, 'float32', seed),
    uniform: (shape) => tf.randomUniform(shape, 0, 1, 'float32', seed),
  };
}

/** The same noise, with every tensor it makes handed to `seen` as well. */
export function tappedNoise(noise: Noise, seen: (t: tf.Tensor) => void): Noise {
  return {
    normal: (shape) => {
      const t = noise.normal(shape);
      seen(t);
      return t;
    },
    uniform: (shape) => {
      const t = noise.uniform(shape);
      seen(t);
      return t;
    },
  };
}
