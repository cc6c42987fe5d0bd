// The optimizer the project trains with (makeOptimizer: one fused kernel per variable where
// this project's kernels run) against tfjs's own tf.train.adam, from the same start on the
// same problem, six steps each. Run in Node (src/kernels/fastPath.test.ts) and in a browser
// worker (tests/e2e/kernels.spec.ts, tests/e2e/webgpu.spec.ts) on every backend. Reads are
// asynchronous only: on webgpu in a worker a synchronous read returns zeros (SwiftShader).
import * as tf from '@tensorflow/tfjs-core';
import { makeOptimizer } from '../training/trainer';
import { relErr } from './relErr';

export interface AdamComparison {
  /** Relative difference of the total update (w₆ − w₀) per variable. */
  updateRelErr: number[];
  /** Size of the update relative to the start (a comparison of two non-moves proves nothing). */
  moved: number[];
  /** Tensors a further step leaves behind (should be 0). */
  leakedPerStep: number;
  /** The class makeOptimizer chose ('FusedAdam' where the fused kernels run). */
  optimizer: string;
}

async function sixSteps(opt: tf.Optimizer) {
  const start = [tf.randomNormal([300, 70], 0, 1, 'float32', 1), tf.randomNormal([70], 0, 1, 'float32', 2)];
  const target = tf.randomNormal([300, 70], 0, 1, 'float32', 3);
  const vars = start.map((t) => tf.variable(t));
  const [w, b] = vars;
  const step = () => opt.minimize(() => tf.mean(tf.square(tf.sub(tf.add(tf.mul(w, 2), b), target))) as tf.Scalar, false, vars);
  step(); // creates the moments
  const held = tf.memory().numTensors;
  for (let i = 0; i < 5; i++) step();
  const leakedPerStep = (tf.memory().numTensors - held) / 5;
  const read = (ts: tf.Tensor[]) => Promise.all(ts.map((t) => t.data() as Promise<Float32Array>));
  const [s0, s6] = [await read(start), await read(vars)];
  opt.dispose();
  tf.dispose([...vars, ...start, target]);
  return { updates: s6.map((e, i) => e.map((x, j) => x - s0[i][j])), start: s0, end: s6, leakedPerStep };
}

/** `referenceBackend`: run tf.train.adam there instead (a GPU backend's kernels against cpu). */
export async function compareAdam(learningRate = 0.01, referenceBackend?: string): Promise<AdamComparison> {
  const project = makeOptimizer({ optimizer: 'adam', learningRate });
  const optimizer = project.constructor.name;
  const ours = await sixSteps(project);
  const backend = tf.getBackend();
  const elsewhere = referenceBackend !== undefined && referenceBackend !== backend;
  if (elsewhere) await tf.setBackend(referenceBackend);
  const theirs = await sixSteps(tf.train.adam(learningRate)).finally(() => (elsewhere ? tf.setBackend(backend) : undefined));
  return {
    updateRelErr: ours.updates.map((u, i) => relErr(u, theirs.updates[i])),
    moved: ours.end.map((e, i) => relErr(e, ours.start[i])),
    leakedPerStep: ours.leakedPerStep,
    optimizer,
  };
}
