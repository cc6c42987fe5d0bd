// One model, one optimizer: a training step and a held-out evaluation, both leak-free.
import '#tf-gradients';
import * as tf from '@tensorflow/tfjs-core';
import type { CompiledModel } from '../compiler/compile';
import type { TrainingProgress } from '../nodes/runtime/types';
import { objectiveGradients } from './objectiveGradients';
import type { TrainingSettings } from '../graph/document';
import { rows, type Dataset } from '../data/dataset';
import { fusedAdamReady } from '../kernels/tfjsKernels';
import { FusedAdam } from '../kernels/fusedAdam';

/** Adam is one kernel per variable where this project's kernels run (wasm, cpu; webgpu's WGSL), tfjs's own elsewhere. */
export function makeOptimizer(s: Pick<TrainingSettings, 'optimizer' | 'learningRate'>): tf.Optimizer {
  if (s.optimizer === 'sgd') return tf.train.sgd(s.learningRate);
  return fusedAdamReady() ? new FusedAdam(s.learningRate) : tf.train.adam(s.learningRate);
}

export class Trainer {
  constructor(
    readonly model: CompiledModel,
    readonly optimizer: tf.Optimizer,
  ) {}

  /**
   * One optimizer step on a batch; returns the reported objective's mean loss (a scalar the
   * caller disposes). `progress` drives the schedules (a KL warm-up).
   */
  step(x: tf.Tensor2D, seed: number, progress?: TrainingProgress): tf.Scalar {
    const { model } = this;
    const [only] = model.objectives;
    if (model.objectives.length === 1 && only.scope === 'all') {
      return tf.tidy(() => this.optimizer.minimize(() => tf.mean(model.lossPerExample(x, seed, progress)) as tf.Scalar, true, model.variables)!);
    }
    return tf.tidy(() => {
      const { grads, reported } = objectiveGradients(model, x, seed, progress);
      this.optimizer.applyGradients(grads);
      return reported;
    });
  }

  /**
   * Mean per-example loss over a dataset, in batches, without gradients. With `stop`, it
   * yields between batches and gives up (NaN) once the run is stopped.
   */
  async evaluate(ds: Dataset, seed: number, batchSize = 1000, stop?: { shouldStop(): boolean; yieldNow(): Promise<void> }): Promise<number> {
    if (ds.n === 0) return NaN;
    let total = tf.scalar(0);
    for (let start = 0; start < ds.n; start += batchSize) {
      if (stop && start > 0) {
        await total.data(); // the batches so far are done on the device before the yield
        await stop.yieldNow();
        if (stop.shouldStop()) {
          total.dispose();
          return NaN;
        }
      }
      const idx = Array.from({ length: Math.min(batchSize, ds.n - start) }, (_, i) => start + i);
      const next = tf.tidy(() => {
        const x = tf.tensor2d(rows(ds, idx), [idx.length, ds.d]);
        return tf.add(total, tf.sum(this.model.lossPerExample(x, seed + start))) as tf.Scalar;
      });
      total.dispose();
      total = next;
    }
    const sum = (await total.data())[0];
    total.dispose();
    return sum / ds.n;
  }

  dispose() {
    this.optimizer.dispose();
  }
}
