// Backend choice by measurement: on the compiled model itself, check each candidate's
// numbers against stock tfjs on the cpu backend (a backend must prove its numbers before it is trusted —
// software WebGPU once returned a loss of exactly 0), time a few real steps, keep the
// fastest correct one.
import * as tf from '@tensorflow/tfjs-core';
import type { GraphDoc } from '../graph/document';
import { compileGraph } from '../compiler/compile';
import { rows, type Dataset } from '../data/dataset';
import { Trainer, makeOptimizer } from './trainer';
import { objectiveGradients } from './objectiveGradients';
import type { BackendName } from './protocol';
import { withStockKernels } from '../kernels/tfjsKernels';

export interface BackendTrial {
  name: BackendName;
  ok: boolean;
  /** Samples per second over the timed steps (0 when the backend failed). */
  samplesPerSec: number;
  /** Largest relative difference from cpu over the loss and the gradient norm. */
  relError?: number;
  problem?: string;
}

export interface Calibration {
  chosen: BackendName;
  trials: BackendTrial[];
  reason: string;
  /** Stopped part-way (the run was stopped): the choice is not worth remembering. */
  stopped?: boolean;
}

/** How long calibration may take: a backend over its share is named too slow, not waited on. */
export interface CalibrationLimits {
  perBackendMs: number;
  totalMs: number;
}

export const DEFAULT_CALIBRATION_LIMITS: CalibrationLimits = { perBackendMs: 10_000, totalMs: 30_000 };

export interface CalibrateOptions {
  doc: GraphDoc;
  train: Dataset;
  candidates: BackendName[];
  /** Backends not worth measuring here, listed in the reason with why. */
  skipped?: { name: BackendName; problem: string }[];
  /** Switches the global backend; hosts differ (the browser also has webgl/webgpu). */
  setBackend(name: BackendName): Promise<boolean>;
  steps?: number;
  tolerance?: number;
  limits?: CalibrationLimits;
  /** Checked between steps: a stopped run does not wait for the measurements. */
  shouldStop?: () => boolean;
}

/** A probe ran past its deadline; `what` finishes "… took longer than …". */
class TooSlow extends Error {
  constructor(readonly what: string) {
    super(what);
  }
}

class Stopped extends Error {}

interface Bounds {
  deadline: number;
  shouldStop?: () => boolean;
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/** Waits for the device, but not past the deadline (a GPU backend's work is asynchronous). */
async function settle(t: tf.Tensor, bounds: Bounds, what: string): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<'late'>((r) => (timer = setTimeout(() => r('late'), Math.max(0, bounds.deadline - performance.now()))));
  const r = await Promise.race([t.data().then(() => 'done' as const), late]);
  clearTimeout(timer);
  if (r === 'late') throw new TooSlow(what);
}

function check(bounds: Bounds, what: string) {
  if (bounds.shouldStop?.()) throw new Stopped();
  if (performance.now() > bounds.deadline) throw new TooSlow(what);
}

interface Probe {
  loss: number;
  gradNorm: number;
  samplesPerSec: number;
}

async function probe(doc: GraphDoc, train: Dataset, steps: number, bounds: Bounds): Promise<Probe> {
  const batch = Math.min(doc.training.batchSize, train.n);
  const model = compileGraph(doc, { dataDim: train.d, seed: doc.training.seed });
  const trainer = new Trainer(model, makeOptimizer(doc.training));
  const x = tf.tensor2d(rows(train, Array.from({ length: batch }, (_, i) => i)), [batch, train.d]);
  try {
    // The same seed on every backend: same initial weights and draws, so numbers compare.
    // The gradient training follows: with several objectives, each one's over its own scope, added.
    // Read back asynchronously: a synchronous read on webgpu in a worker can return zeros.
    const { value, gradSquares } = tf.tidy(() => {
      const { reported, grads } = objectiveGradients(model, x, 1);
      const squares = Object.values(grads).map((g) => tf.sum(tf.square(g)));
      return { value: reported, gradSquares: squares.length ? tf.stack(squares) : tf.zeros([0]) };
    });
    const loss = (await value.data())[0];
    const gradNorm = Math.sqrt(Array.from(await gradSquares.data()).reduce((s, g) => s + g, 0));
    tf.dispose([value, gradSquares]);
    check(bounds, 'one forward and backward pass');
    if (steps === 0) return { loss, gradNorm, samplesPerSec: 0 };
    const warm = trainer.step(x, 2); // warm-up: shader compilation, allocations
    try {
      await settle(warm, bounds, 'its warm-up step');
    } finally {
      warm.dispose();
    }
    check(bounds, 'its warm-up step');
    const t0 = performance.now();
    let last: tf.Scalar | undefined;
    try {
      for (let i = 0; i < steps; i++) {
        last?.dispose();
        last = trainer.step(x, 3 + i);
        check(bounds, `${i + 1} timed step${i ? 's' : ''}`);
      }
      await settle(last!, bounds, `${steps} timed steps`); // wait for the device to finish
    } finally {
      last?.dispose();
    }
    return { loss, gradNorm, samplesPerSec: (steps * batch) / ((performance.now() - t0) / 1000) };
  } finally {
    x.dispose();
    trainer.dispose();
    model.dispose();
  }
}

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1e-12, Math.abs(b));

export async function calibrateBackends(opts: CalibrateOptions): Promise<Calibration> {
  const steps = opts.steps ?? 3;
  const tolerance = opts.tolerance ?? 1e-3;
  const limits = opts.limits ?? DEFAULT_CALIBRATION_LIMITS;
  const t0 = performance.now();
  const endAll = t0 + limits.totalMs;
  const bounds = (): Bounds => ({ deadline: Math.min(endAll, performance.now() + limits.perBackendMs), shouldStop: opts.shouldStop });
  const notMeasured = new Set((opts.skipped ?? []).map((s) => s.name));
  const trials: BackendTrial[] = (opts.skipped ?? []).map(({ name, problem }) => ({ name, ok: false, samplesPerSec: 0, problem }));
  if (!(await opts.setBackend('cpu'))) throw new Error('The cpu backend is not available.');
  // The reference: one forward/backward on stock tfjs cpu, without this project's kernels,
  // so that the kernels prove their numbers too (cpu with them is a candidate like any other).
  let reference: Probe;
  try {
    reference = await withStockKernels(() => probe(opts.doc, opts.train, 0, bounds()));
  } catch (e) {
    if (e instanceof Stopped) return stoppedCalibration(opts, trials);
    if (!(e instanceof TooSlow)) throw e;
    return unmeasured(opts, trials, `one forward and backward pass of this model on stock cpu, the reference, took longer than ${seconds(limits.perBackendMs)}, so the backends were not compared`);
  }
  for (const name of opts.candidates) {
    if (opts.shouldStop?.()) return stoppedCalibration(opts, trials);
    if (performance.now() >= endAll) {
      trials.push({ name, ok: false, samplesPerSec: 0, problem: `calibration used up its ${seconds(limits.totalMs)} before this backend` });
      notMeasured.add(name);
      continue;
    }
    try {
      if (!(await opts.setBackend(name))) {
        trials.push({ name, ok: false, samplesPerSec: 0, problem: 'not available here' });
        continue;
      }
      const p = await probe(opts.doc, opts.train, steps, bounds());
      const err = Math.max(rel(p.loss, reference.loss), rel(p.gradNorm, reference.gradNorm));
      const ok = Number.isFinite(err) && err <= tolerance;
      trials.push({ name, ok, samplesPerSec: p.samplesPerSec, relError: err, problem: ok ? undefined : `its loss or gradient differs from cpu by ${err.toExponential(1)}` });
    } catch (e) {
      if (e instanceof Stopped) return stoppedCalibration(opts, trials);
      const problem = e instanceof TooSlow ? `too slow: ${e.what} took longer than the ${seconds(limits.perBackendMs)} a backend is given` : e instanceof Error ? e.message : String(e);
      trials.push({ name, ok: false, samplesPerSec: 0, problem });
    }
  }
  const best = trials.filter((t) => t.ok).sort((a, b) => b.samplesPerSec - a.samplesPerSec)[0] ?? { name: 'cpu' as const, samplesPerSec: reference.samplesPerSec };
  await opts.setBackend(best.name);
  const summary = trials.map((t) => (t.ok ? `${t.name} ${Math.round(t.samplesPerSec)} samples/s` : `${t.name} ${notMeasured.has(t.name) ? 'not measured' : 'rejected'} (${t.problem})`)).join(', ');
  return { chosen: best.name, trials, reason: `${best.name}: fastest with numbers matching cpu on this model (${summary})` };
}

/** No comparison was possible in time: the first candidate that starts, unmeasured, and why. */
async function unmeasured(opts: CalibrateOptions, trials: BackendTrial[], why: string): Promise<Calibration> {
  for (const name of [...opts.candidates, 'cpu' as const]) {
    if (await opts.setBackend(name).catch(() => false)) return { chosen: name, trials, reason: `${name}, not measured: ${why}` };
  }
  throw new Error('No backend could start: not even cpu.');
}

async function stoppedCalibration(opts: CalibrateOptions, trials: BackendTrial[]): Promise<Calibration> {
  await opts.setBackend('cpu');
  return { chosen: 'cpu', trials, reason: 'cpu: the run was stopped while the backends were measured', stopped: true };
}
