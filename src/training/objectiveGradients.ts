// The gradient of a graph with several objectives: each objective's gradient over its own
// scope of variables, added (DReG's encoder and decoder surrogates; reweighted wake-sleep).
// tfjs takes the gradient of one scalar per pass, so each scope gets a forward pass of its
// own; the evaluator seeds every draw by node, so all passes see the same samples.
import * as tf from '@tensorflow/tfjs-core';
import type { CompiledModel, CompiledObjective, NoiseTap } from '../compiler/compile';
import type { TrainingProgress } from '../nodes/runtime/types';

export interface ObjectiveGradients {
  /** Summed gradients by variable name; a variable no objective trains has none. */
  grads: tf.NamedTensorMap;
  /** The reported objective's mean loss on the batch. */
  reported: tf.Scalar;
}

/** Call inside tf.tidy: the gradients and the reported loss are the caller's to keep or release. */
export function objectiveGradients(model: CompiledModel, x: tf.Tensor2D, seed: number, progress?: TrainingProgress, tap?: NoiseTap): ObjectiveGradients {
  // Objectives over the same variables share one pass: the gradient of their sum.
  const groups = new Map<string, CompiledObjective[]>();
  for (const o of model.objectives) {
    const key = o.variables.map((v) => v.name).join('\n');
    groups.set(key, [...(groups.get(key) ?? []), o]);
  }
  const grads: tf.NamedTensorMap = {};
  let reported: tf.Scalar | undefined;
  for (const group of groups.values()) {
    const { grads: g } = tf.variableGrads(() => {
      const losses = group.map((o) => {
        const loss = tf.mean(model.objectivePerExample(o.nodeId, x, seed, progress, tap)) as tf.Scalar;
        if (o.reported) reported = tf.keep(loss);
        return loss;
      });
      return (losses.length === 1 ? losses[0] : tf.addN(losses)) as tf.Scalar;
    }, group[0].variables);
    for (const [name, t] of Object.entries(g)) grads[name] = grads[name] ? tf.add(grads[name], t) : t;
  }
  return { grads, reported: reported! };
}
