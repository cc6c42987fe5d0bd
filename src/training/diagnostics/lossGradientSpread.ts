// How noisy the training signal is: the batch-mean loss and its gradient w.r.t. every model
// variable, on one fixed batch, re-estimated with different seeds (different draws of the
// samples). The spread is zero for the exact loss and the point estimate, and shrinks for
// IWAE as the proposal approaches the posterior. With several objectives (DReG's encoder and
// decoder surrogates) the gradient is the one training follows: each objective's gradient
// over its own scope, added; the loss is the reported objective's.
import '#tf-gradients';
import * as tf from '@tensorflow/tfjs-core';
import type { CompiledModel } from '../../compiler/compile';
import { mixSeed } from '../../nodes/runtime/seeds';
import type { Diagnostics } from '../protocol';
import { RunningMoments } from './runningMoments';
import { objectiveGradients } from '../objectiveGradients';

export async function lossGradientSpread(model: CompiledModel, x: tf.Tensor2D, repeats: number, seed: number): Promise<Pick<Diagnostics, 'lossSpread' | 'gradient'>> {
  const trainable = model.variables.filter((v) => v.trainable);
  const size = trainable.reduce((s, v) => s + v.size, 0);
  const loss = new RunningMoments(1);
  const grad = new RunningMoments(size);
  for (let r = 0; r < repeats; r++) {
    const s = mixSeed(seed, r);
    const batchLoss = () => tf.mean(model.lossPerExample(x, s)) as tf.Scalar;
    const out = tf.tidy(() => {
      if (size === 0) return { value: batchLoss(), flat: tf.zeros([0]) };
      const { reported: value, grads } = objectiveGradients(model, x, s);
      // A variable the loss does not reach (say, an unused branch) has no entry: its gradient is 0.
      const parts = trainable.map((v) => (grads[v.name] ? tf.reshape(grads[v.name], [-1]) : tf.zeros([v.size])));
      return { value, flat: tf.concat(parts) };
    });
    const [value, flat] = await Promise.all([out.value.data(), out.flat.data()]);
    out.value.dispose();
    out.flat.dispose();
    loss.add(value);
    grad.add(flat);
  }
  return {
    lossSpread: { mean: loss.mean[0], std: Math.sqrt(loss.variance) },
    gradient: { variance: grad.variance, meanSquaredNorm: grad.meanSquaredNorm },
  };
}
