// Backend choice by measurement: on the compiled model itself, check each candidate's
// numbers against stock tfjs on the cpu backend (a backend must prove its numbers before it is trusted —
// software WebGPU once returned a loss of exactly 0), time a few real steps, keep the
// fastest correct one.
import * as tf from '@tensorflow/tfjs-core';
import type { GraphDoc } from '../graph/document';
import { compileGraph } from '../compiler/compile';
import { rows, type Dataset } from '../data/dataset';
import { Trainer, makeOptimizer } from './trainer';
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
}

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
}

interface Probe {
  loss: number;
  gradNorm: number;
  samplesPerSec: number;
}

async function probe(doc: GraphDoc, train: Dataset, steps: number): Promise<Probe> {
  const batch = Math.min(doc.training.batchSize, train.n);
  const model = compileGraph(doc, { dataDim: train.d, seed: doc.training.seed });
  const trainer = new Trainer(model, makeOptimizer(doc.training));
  const x = tf.tensor2d(rows(train, Array.from({ length: batch }, (_, i) => i)), [batch, train.d]);
  try {
    // The same seed on every backend: same initial weights and draws, so numbers compare.
    const { value, grads } = tf.variableGrads(() => tf.mean(model.lossPerExample(x, 1)) as tf.Scalar, model.variables);
    const gradNorm = tf.tidy(() => Math.sqrt(Object.values(grads).reduce((s, g) => s + tf.sum(tf.square(g)).dataSync()[0], 0)));
    const loss = (await value.data())[0];
    value.dispose();
    Object.values(grads).forEach((g) => g.dispose());
    if (steps === 0) return { loss, gradNorm, samplesPerSec: 0 };
    trainer.step(x, 2).dispose(); // warm-up: shader compilation, allocations
    const t0 = performance.now();
    let last: tf.Scalar | undefined;
    for (let i = 0; i < steps; i++) {
      last?.dispose();
      last = trainer.step(x, 3 + i);
    }
    await last!.data(); // wait for the device to finish
    last!.dispose();
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
  const trials: BackendTrial[] = (opts.skipped ?? []).map(({ name, problem }) => ({ name, ok: false, samplesPerSec: 0, problem }));
  if (!(await opts.setBackend('cpu'))) throw new Error('The cpu backend is not available.');
  // The reference: one forward/backward on stock tfjs cpu, without this project's kernels,
  // so that the kernels prove their numbers too (cpu with them is a candidate like any other).
  const reference = await withStockKernels(() => probe(opts.doc, opts.train, 0));
  for (const name of opts.candidates) {
    try {
      if (!(await opts.setBackend(name))) {
        trials.push({ name, ok: false, samplesPerSec: 0, problem: 'not available here' });
        continue;
      }
      const p = await probe(opts.doc, opts.train, steps);
      const err = Math.max(rel(p.loss, reference.loss), rel(p.gradNorm, reference.gradNorm));
      const ok = Number.isFinite(err) && err <= tolerance;
      trials.push({ name, ok, samplesPerSec: p.samplesPerSec, relError: err, problem: ok ? undefined : `its loss or gradient differs from cpu by ${err.toExponential(1)}` });
    } catch (e) {
      trials.push({ name, ok: false, samplesPerSec: 0, problem: e instanceof Error ? e.message : String(e) });
    }
  }
  const best = trials.filter((t) => t.ok).sort((a, b) => b.samplesPerSec - a.samplesPerSec)[0] ?? { name: 'cpu' as const, samplesPerSec: reference.samplesPerSec };
  await opts.setBackend(best.name);
  const summary = trials
    .map((t) => (t.ok ? `${t.name} ${Math.round(t.samplesPerSec)} samples/s` : `${t.name} ${opts.skipped?.some((s) => s.name === t.name) ? 'not measured' : 'rejected'} (${t.problem})`))
    .join(', ');
  return { chosen: best.name, trials, reason: `${best.name}: fastest with numbers matching cpu on this model (${summary})` };
}
