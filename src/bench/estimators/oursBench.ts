// This app's side of the PyTorch comparison, in whichever host calls it (the CLI's Node, or a
// Web Worker in Chromium): each case's graph compiled and trained with Trainer.step on real
// MNIST batches, or its held-out NLL (forward only) timed on test rows — the same protocol as
// scripts/bench/torch_bench.py: warm-up, timed windows, the median window.
import * as tf from '@tensorflow/tfjs-core';
import type { GraphDoc } from '../../graph/document';
import { rows, type Dataset } from '../../data/dataset';
import { compileGraph } from '../../compiler/compile';
import { Trainer, makeOptimizer } from '../../training/trainer';
import { heldOutNll } from '../../training/heldOutNll';
import { measureThroughput, median, type ThroughputOptions } from '../throughput';
import { caseDoc, ESTIMATOR_CASES, NLL_EXAMPLES, type CaseId, type EstimatorCase } from './cases';
import { profileSteps, type StepBreakdown } from './stepBreakdown';

export interface CaseRate {
  id: CaseId;
  /** Examples per second (a training example with its J samples; a test example with its K). */
  rate?: number;
  windows?: number[];
  /** Decoder passes per second: examples/s × J (or K). */
  decoderPassesPerSec?: number;
  leakedTensors?: number;
  /** Training cases: one step's kernel time by part, profiled after the timed windows. */
  breakdown?: StepBreakdown;
  error?: string;
}

export interface OursBenchOptions {
  graphs: Record<EstimatorCase['graph'], GraphDoc>;
  train: Dataset;
  test: Dataset;
  timing?: Partial<ThroughputOptions>;
  only?: CaseId[];
  /** Test examples per held-out NLL pass (default NLL_EXAMPLES). */
  nllExamples?: number;
  log?(line: string): void;
}

export async function runOursBench(opts: OursBenchOptions): Promise<CaseRate[]> {
  const out: CaseRate[] = [];
  for (const c of ESTIMATOR_CASES) {
    if (opts.only && !opts.only.includes(c.id)) continue;
    const before = tf.memory().numTensors;
    try {
      const r = c.mode === 'train' ? await trainRate(caseDoc(opts.graphs[c.graph], c), opts) : await nllRate(caseDoc(opts.graphs[c.graph], c), c.samples, opts);
      out.push({ id: c.id, ...r, decoderPassesPerSec: r.rate * c.samples, leakedTensors: tf.memory().numTensors - before });
      opts.log?.(`${c.label}: ${r.rate.toFixed(0)} examples/s (windows ${r.windows.map((w) => w.toFixed(0)).join(' ')})`);
    } catch (e) {
      out.push({ id: c.id, error: e instanceof Error ? e.message : String(e) });
      opts.log?.(`${c.label}: failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return out;
}

async function trainRate(doc: GraphDoc, opts: OursBenchOptions) {
  const B = doc.training.batchSize;
  const xs = Array.from({ length: 8 }, (_, k) => tf.tensor2d(rows(opts.train, Array.from({ length: B }, (_, i) => (k * B + i) % opts.train.n)), [B, opts.train.d]));
  const model = compileGraph(doc, { dataDim: opts.train.d, seed: doc.training.seed });
  const trainer = new Trainer(model, makeOptimizer(doc.training));
  try {
    const r = await measureThroughput((i) => trainer.step(xs[i % xs.length], 1000 + i), { batchSize: B, warmupSteps: 3, warmupMs: 1500, windowMs: 1500, windows: 5, budgetMs: 25_000, ...opts.timing });
    const breakdown = await profileSteps((i) => trainer.step(xs[i % xs.length], 9000 + i));
    return { rate: r.samplesPerSec, windows: r.windows, breakdown };
  } finally {
    trainer.dispose();
    model.dispose();
    xs.forEach((x) => x.dispose());
  }
}

/** Whole held-out NLL passes over the first NLL_EXAMPLES test rows, timed like training steps. */
async function nllRate(doc: GraphDoc, K: number, opts: OursBenchOptions) {
  const test: Dataset = { ...opts.test, n: Math.min(opts.nllExamples ?? NLL_EXAMPLES, opts.test.n) };
  const model = compileGraph(doc, { dataDim: opts.test.d, seed: doc.training.seed });
  const windowMs = opts.timing?.windowMs ?? 1500;
  const pass = async (seed: number) => {
    const est = await heldOutNll(model, test, { samples: K, seed });
    if (!Number.isFinite(est.nll)) throw new Error(`The held-out NLL came out ${est.nll}.`);
  };
  try {
    for (const t0 = performance.now(); performance.now() - t0 < (opts.timing?.warmupMs ?? 1500); ) await pass(0);
    const rates: number[] = [];
    for (let w = 0; w < (opts.timing?.windows ?? 5); w++) {
      let passes = 0;
      const t = performance.now();
      while (passes === 0 || performance.now() - t < windowMs) await pass(++passes);
      rates.push((passes * test.n) / ((performance.now() - t) / 1000));
    }
    return { rate: median(rates), windows: rates };
  } finally {
    model.dispose();
  }
}
