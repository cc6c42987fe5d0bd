// The optimizer the project trains with (makeOptimizer: one fused kernel per variable where
// this project's kernels run) against tfjs's own tf.train.adam, from the same start on the
// same problem, six steps each. Run in Node (src/kernels/fastPath.test.ts) and in a browser
// worker (tests/e2e/kernels.spec.ts) on every backend.
import * as tf from '@tensorflow/tfjs-core';
import { makeOptimizer } from '../training/trainer';

export interface AdamComparison {
  /** Relative difference of the total update (w₆ − w₀) per variable. */
  updateRelErr: number[];
  /** Size of the update relative to the start (a comparison of two non-moves proves nothing). */
  moved: number[];
  /** Tensors a further step leaves behind (should be 0). */
  leakedPerStep: number;
  /** The class makeOptimizer chose ('FusedAdam' on wasm and cpu). */
  optimizer: string;
}

export function compareAdam(learningRate = 0.01): AdamComparison {
  const start = [tf.randomNormal([300, 70], 0, 1, 'float32', 1), tf.randomNormal([70], 0, 1, 'float32', 2)];
  const target = tf.randomNormal([300, 70], 0, 1, 'float32', 3);
  let leakedPerStep = 0;
  const run = (opt: tf.Optimizer) => {
    const vars = start.map((t) => tf.variable(t));
    const [w, b] = vars;
    const step = () => opt.minimize(() => tf.mean(tf.square(tf.sub(tf.add(tf.mul(w, 2), b), target))) as tf.Scalar, false, vars);
    step(); // creates the moments
    const held = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) step();
    leakedPerStep = Math.max(leakedPerStep, (tf.memory().numTensors - held) / 5);
    opt.dispose();
    return vars;
  };
  const project = makeOptimizer({ optimizer: 'adam', learningRate });
  const optimizer = project.constructor.name;
  const ours = run(project);
  const theirs = run(tf.train.adam(learningRate));
  const rel = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.norm(tf.sub(a, b)).dataSync()[0] / Math.max(1e-12, tf.norm(b).dataSync()[0]));
  const updateRelErr = start.map((s, i) => tf.tidy(() => rel(tf.sub(ours[i], s), tf.sub(theirs[i], s))));
  const moved = start.map((s, i) => rel(ours[i], s));
  tf.dispose([...ours, ...theirs, ...start, target]);
  return { updateRelErr, moved, leakedPerStep, optimizer };
}
