// "10,000 steps leak no tensors": a long run of an importance-sampled model (J = 5, the
// path with the most temporaries per step), counted before and after.
import { expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '#tf-gradients';
import { useNodeBackend } from '../cli/nodeBackend';
import { exactPosterior, fixtureGraph, fixtureModel } from '../testing/linearGaussianFixture';
import { Trainer, makeOptimizer } from './trainer';

it('10,000 training steps leave tf.memory().numTensors where it was', async () => {
  await useNodeBackend('wasm');
  const model = fixtureModel(fixtureGraph('iwaeLoss', 5), exactPosterior());
  const trainer = new Trainer(model, makeOptimizer({ optimizer: 'adam', learningRate: 1e-3 }));
  const x = tf.tensor2d([
    [1.2, -0.3, 0.9, 0.8],
    [-0.5, 0.7, -0.2, -1.1],
  ]);
  trainer.step(x, 0).dispose(); // Adam creates its slots on the first step
  const before = tf.memory().numTensors;
  for (let i = 1; i <= 10_000; i++) trainer.step(x, i).dispose();
  expect(tf.memory().numTensors).toBe(before);
  x.dispose();
  trainer.dispose();
  model.dispose();
}, 120_000);
