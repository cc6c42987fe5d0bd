// Training throughput of one step function, host-agnostic (Node and the browser worker).
// Warm-up first (kernel compilation, allocator growth, Adam's slots), then several timed
// windows of whole steps; each window ends with a read-back of its last loss, so an
// asynchronous backend (webgl) is timed to completion, not to enqueueing. Reports the
// median window, with the spread.
import * as tf from '@tensorflow/tfjs-core';

export interface ThroughputOptions {
  batchSize: number;
  /** Warm-up lasts at least this many steps and this long. */
  warmupSteps?: number;
  warmupMs?: number;
  /** Each timed window runs whole steps until it lasts at least this long. */
  windowMs?: number;
  windows?: number;
  /** Fewer windows (down to 3) when a single step is this slow, to bound the run. */
  slowStepMs?: number;
  /** Hard cap on the timed part; the windows done so far are kept. */
  budgetMs?: number;
}

export interface ThroughputResult {
  samplesPerSec: number;
  msPerStep: number;
  /** Samples/s of each window, in order. */
  windows: number[];
  stepsPerWindow: number;
  warmupSteps: number;
  lastLoss: number;
}

export async function measureThroughput(step: (i: number) => tf.Scalar, opts: ThroughputOptions): Promise<ThroughputResult> {
  const warmupSteps = opts.warmupSteps ?? 3;
  const warmupMs = opts.warmupMs ?? 1000;
  const windowMs = opts.windowMs ?? 1500;
  let windows = opts.windows ?? 5;
  const budgetMs = opts.budgetMs ?? 30_000;
  let i = 0;
  let lastLoss = NaN;
  const run = async (n: number) => {
    for (let k = 0; k < n; k++) {
      const loss = step(i++);
      if (k === n - 1) lastLoss = (await loss.data())[0];
      loss.dispose();
    }
  };

  // Warm-up, timed one step at a time to size the windows.
  const w0 = performance.now();
  let warm = 0;
  let stepMs = Infinity;
  while (warm < warmupSteps || performance.now() - w0 < warmupMs) {
    const t = performance.now();
    await run(1);
    stepMs = performance.now() - t;
    warm++;
  }
  if (stepMs > (opts.slowStepMs ?? 1500)) windows = Math.min(windows, 3);
  const stepsPerWindow = Math.max(1, Math.round(windowMs / Math.max(stepMs, 1e-3)));

  const rates: number[] = [];
  const t0 = performance.now();
  for (let w = 0; w < windows; w++) {
    const t = performance.now();
    await run(stepsPerWindow);
    const ms = performance.now() - t;
    rates.push((stepsPerWindow * opts.batchSize) / (ms / 1000));
    if (performance.now() - t0 > budgetMs && rates.length >= 1) break;
  }
  if (!Number.isFinite(lastLoss)) throw new Error(`The training loss became ${lastLoss} during the benchmark.`);
  const samplesPerSec = median(rates);
  return { samplesPerSec, msPerStep: (opts.batchSize / samplesPerSec) * 1000, windows: rates, stepsPerWindow, warmupSteps: warm, lastLoss };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function percentile(xs: number[], p: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}
