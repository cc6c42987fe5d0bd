// The first step as the app takes it — its first batch, its noise, its progress — with the
// loss and every gradient it gets, for train.py --check to reproduce from the initial weights.
import * as tf from '@tensorflow/tfjs-core';
import type { TrainingSettings } from '../../graph/document';
import { savedName, type CompiledModel } from '../../compiler/compile';
import { objectiveGradients, type ObjectiveGradients } from '../../training/objectiveGradients';
import { batchOrder } from '../../data/split';
import { rows, type Dataset } from '../../data/dataset';
import { mixSeed } from '../../nodes/runtime/seeds';
import { npz, type FloatArray } from './npz';

/** check.npz: x, progress, loss, grad/<saved name>, noise/<node id> (as the trainer's step 0 draws them). */
export async function firstStepCheck(model: CompiledModel, train: Dataset, settings: TrainingSettings): Promise<Uint8Array> {
  const batchSize = Math.min(settings.batchSize, train.n);
  const stepsPerEpoch = Math.ceil(train.n / batchSize);
  const idx = batchOrder(train.n, batchSize, settings.seed, 1)[0];
  const x = rows(train, idx);
  const noise = new Map<string, tf.Tensor>();
  // The trainer's own step: the seed and progress of step 0 (src/training/run.ts).
  const { grads, reported } = tf.tidy(
    () =>
      objectiveGradients(model, tf.tensor2d(x, [idx.length, train.d]), mixSeed(settings.seed, 'step0'), { step: 0, stepsPerEpoch }, (nodeId, draw, t) => {
      // Each pass (one per objective scope) draws the same noise again: the first is the one.
      if (draw > 0) throw new Error(`internal: node ${nodeId} draws more than once per pass`);
      if (!noise.has(nodeId)) noise.set(nodeId, tf.keep(t.clone()));
    }) as unknown as tf.TensorContainerObject,
  ) as unknown as ObjectiveGradients;
  try {
    const arrays: Record<string, FloatArray> = {
      x: { data: x, shape: [idx.length, train.d] },
      progress: { data: new Float32Array([0, stepsPerEpoch]), shape: [2] },
      loss: { data: (await reported.data()) as Float32Array, shape: [] },
    };
    for (const v of model.variables) {
      const g = grads[v.name];
      arrays[`grad/${savedName(v)}`] = { data: g ? ((await g.data()) as Float32Array) : new Float32Array(v.size), shape: [...v.shape] };
    }
    for (const [nodeId, t] of noise) arrays[`noise/${nodeId}`] = { data: (await t.data()) as Float32Array, shape: [...t.shape] };
    return npz(arrays);
  } finally {
    tf.dispose([reported, ...Object.values(grads), ...noise.values()]);
  }
}
