// Trained variables in and out of a model: snapshots for recovery after divergence, and
// plain arrays for saving a graph trained or showing what was learned.
import * as tf from '@tensorflow/tfjs-core';
import type { WeightsSnapshot } from './protocol';
import { savedName } from '../compiler/compile';

/** An on-device copy of every variable (cheap: no read-back). */
export class WeightCheckpoint {
  private copies: tf.Tensor[];
  constructor(
    private readonly variables: tf.Variable[],
    readonly label: string,
  ) {
    this.copies = variables.map((v) => tf.clone(v));
  }
  restore() {
    this.variables.forEach((v, i) => v.assign(this.copies[i]));
  }
  dispose() {
    this.copies.forEach((t) => t.dispose());
  }
}

export async function readWeights(variables: tf.Variable[]): Promise<WeightsSnapshot> {
  const data = await Promise.all(variables.map((v) => v.data() as Promise<Float32Array>));
  return { variables: variables.map((v, i) => ({ name: savedName(v), shape: [...v.shape], data: data[i] })) };
}

/** Assigns saved values by variable name; says which ones do not fit instead of guessing. */
export function assignWeights(variables: tf.Variable[], snapshot: WeightsSnapshot): void {
  const saved = new Map(snapshot.variables.map((v) => [v.name, v]));
  const problems: string[] = [];
  for (const v of variables) {
    const s = saved.get(savedName(v));
    if (!s) problems.push(`no saved value for ${savedName(v)}`);
    else if (s.shape.join('×') !== v.shape.join('×')) problems.push(`${savedName(v)} is ${v.shape.join('×')} in the graph but ${s.shape.join('×')} in the saved weights`);
  }
  if (problems.length) throw new Error(`The saved weights do not fit this graph: ${problems.slice(0, 5).join('; ')}.`);
  for (const v of variables) {
    const s = saved.get(savedName(v))!;
    tf.tidy(() => v.assign(tf.tensor(s.data, s.shape, 'float32')));
  }
}
