// Reference-VAE throughput on each backend, stock tfjs against this project's path, in
// whichever host calls it (Node, or a Web Worker in the browser). Both implementations
// train on the same real MNIST batches, on the same backend, one after the other.
import * as tf from '@tensorflow/tfjs-core';
import type { GraphDoc } from '../graph/document';
import type { Dataset } from '../data/dataset';
import { rows } from '../data/dataset';
import { compileGraph } from '../compiler/compile';
import { Trainer, makeOptimizer } from '../training/trainer';
import { createStockVae } from './stockVae';
import { measureThroughput, type ThroughputOptions, type ThroughputResult } from './throughput';

export type Impl = 'stock' | 'ours';

export interface VaeBenchRow extends Partial<ThroughputResult> {
  backend: string;
  impl: Impl;
  /** Backend details (threads, SIMD) as the host reports them. */
  detail?: string;
  /** Tensors left behind by the measurement (should be 0). */
  leakedTensors?: number;
  error?: string;
}

export interface VaeBenchOptions {
  doc: GraphDoc;
  train: Dataset;
  backends: string[];
  setBackend(name: string): Promise<boolean>;
  describe?(name: string): Promise<string | undefined>;
  /** Per backend; the defaults suit wasm on a small machine. */
  timing?(backend: string): Partial<ThroughputOptions>;
  /** How many distinct real batches the steps cycle through. */
  batches?: number;
  log?(line: string): void;
}

export async function runVaeBench(opts: VaeBenchOptions): Promise<VaeBenchRow[]> {
  const out: VaeBenchRow[] = [];
  const B = opts.doc.training.batchSize;
  const log = opts.log ?? (() => {});
  for (const backend of opts.backends) {
    if (!(await opts.setBackend(backend).catch(() => false))) {
      for (const impl of ['stock', 'ours'] as Impl[]) out.push({ backend, impl, error: `the ${backend} backend could not start here` });
      log(`${backend}: could not start`);
      continue;
    }
    const detail = await opts.describe?.(backend);
    const nb = opts.batches ?? 8;
    // Real digits, consecutive slices of the training set (already shuffled by the split).
    const xs = Array.from({ length: nb }, (_, k) => tf.tensor2d(rows(opts.train, Array.from({ length: B }, (_, i) => (k * B + i) % opts.train.n)), [B, opts.train.d]));
    for (const impl of ['stock', 'ours'] as Impl[]) {
      const before = tf.memory().numTensors;
      try {
        const r = impl === 'stock' ? await benchStock(xs, B, opts, backend) : await benchOurs(xs, B, opts, backend);
        const leakedTensors = tf.memory().numTensors - before;
        out.push({ backend, impl, detail, ...r, leakedTensors });
        log(`${backend} ${impl}: ${r.samplesPerSec.toFixed(0)} samples/s (${r.msPerStep.toFixed(1)} ms/step, windows ${r.windows.map((w) => w.toFixed(0)).join(' ')})`);
      } catch (e) {
        out.push({ backend, impl, detail, error: e instanceof Error ? e.message : String(e) });
        log(`${backend} ${impl}: failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    xs.forEach((x) => x.dispose());
  }
  return out;
}

async function benchStock(xs: tf.Tensor2D[], B: number, opts: VaeBenchOptions, backend: string) {
  const s = opts.doc.training;
  const vae = createStockVae({ inputDim: opts.train.d, learningRate: s.learningRate, seed: s.seed });
  try {
    return await measureThroughput((i) => vae.step(xs[i % xs.length], 1000 + i), { batchSize: B, ...opts.timing?.(backend) });
  } finally {
    vae.dispose();
  }
}

async function benchOurs(xs: tf.Tensor2D[], B: number, opts: VaeBenchOptions, backend: string) {
  const model = compileGraph(opts.doc, { dataDim: opts.train.d, seed: opts.doc.training.seed });
  const trainer = new Trainer(model, makeOptimizer(opts.doc.training));
  try {
    return await measureThroughput((i) => trainer.step(xs[i % xs.length], 1000 + i), { batchSize: B, ...opts.timing?.(backend) });
  } finally {
    trainer.dispose();
    model.dispose();
  }
}

/** ours/stock per backend, and ours on its best backend over stock on wasm. */
export function summarise(rows: VaeBenchRow[]) {
  const rate = (b: string, impl: Impl) => rows.find((r) => r.backend === b && r.impl === impl && !r.error)?.samplesPerSec;
  const backends = [...new Set(rows.map((r) => r.backend))];
  const perBackend = backends.map((b) => {
    const ours = rate(b, 'ours');
    const stock = rate(b, 'stock');
    return { backend: b, ours, stock, ratio: ours && stock ? ours / stock : undefined };
  });
  const oursRows = rows.filter((r) => r.impl === 'ours' && !r.error && r.samplesPerSec);
  const best = oursRows.sort((a, b) => b.samplesPerSec! - a.samplesPerSec!)[0];
  const stockWasm = rate('wasm', 'stock');
  return {
    perBackend,
    bestOurs: best ? { backend: best.backend, samplesPerSec: best.samplesPerSec! } : undefined,
    stockWasm,
    bestOursOverStockWasm: best && stockWasm ? best.samplesPerSec! / stockWasm : undefined,
  };
}
