// What a node kind's tfjs builder returns. Evaluation is lazy and pull-based: the loss asks
// for the ports it needs, so an exact-likelihood loss never draws the samples it ignores.
import type * as tf from '@tensorflow/tfjs-core';
import type { GraphDoc, GraphNode } from '../../graph/document';
import type { PortShape } from '../types';
import type { Noise } from './noise';

export interface DistValue {
  family: 'gaussian' | 'bernoulli';
  dim: number;
  /** Log-density summed over features: x [S or 1, B, D] → [S, B]. */
  logProb(x: tf.Tensor3D): tf.Tensor2D;
  /** J reparameterised samples for each of B examples: [S·J, B, D], made from `noise`. */
  sample(J: number, batch: number, noise: Noise): tf.Tensor3D;
  /** The mean broadcast to the batch: [S, B, D]. */
  mean(batch: number): tf.Tensor3D;
  /** Gaussian parameters, for analytic KL: mean [S|1, B|1, D] and log-variance (scalar or [S, B, D]). */
  gaussian?: { mean: tf.Tensor; logVar: tf.Tensor; zeroMean: boolean };
  /** Whether sample() carries gradients back to the distribution's parameters. */
  reparameterised: boolean;
  /**
   * The same distribution with its parameters held fixed: no gradient reaches them through
   * logProb, sample or mean ("sticking the landing" evaluates log q so).
   */
  heldFixed(): DistValue;
}

/** A tensor [S, B, D], a distribution, or a per-example loss [B]. */
export type Value = tf.Tensor | DistValue;

export function isDist(v: Value | undefined): v is DistValue {
  return !!v && typeof (v as DistValue).logProb === 'function';
}

export interface StepContext {
  /** The observed batch as [1, B, D]. */
  x: tf.Tensor3D;
  batch: number;
  /** Fresh noise for each random draw, seeded by the run's seed, the step, the node and the draw. */
  nextNoise(): Noise;
  /** Where training is (a schedule reads it); absent outside training, where schedules are at their end. */
  progress?: TrainingProgress;
}

/** How far a run has got: optimizer steps done before this one, and steps per epoch. */
export interface TrainingProgress {
  step: number;
  stepsPerEpoch: number;
}

export interface NodeRuntime {
  variables: tf.Variable[];
  output(port: string, input: (port: string) => Value | undefined, step: StepContext): Value;
  /** Tensors the runtime owns besides its variables (constants), released with the model. */
  dispose?(): void;
}

export interface BuildArgs<P> {
  node: GraphNode;
  params: P;
  inputShapes: Record<string, PortShape>;
  outputShapes: Record<string, PortShape>;
  dataDim: number;
  /** Seed for this node's initialisers: run seed mixed with the node id. */
  initSeed: number;
  /**
   * Names this node's variables: `varName('kernel')`. tfjs registers variable names
   * globally, so two models alive at once (a kept model and a new run) must not collide;
   * the saved name (weights files) is the part after the model's prefix.
   */
  varName(local: string): string;
  /** Whether an input port is fed straight by the data node (no gradient needed through it). */
  inputIsData(port: string): boolean;
  doc: GraphDoc;
  /** Runtimes of every node before this one in topological order. */
  runtimes: ReadonlyMap<string, NodeRuntime>;
}

export type NodeBuilder<P> = (args: BuildArgs<P>) => NodeRuntime;
