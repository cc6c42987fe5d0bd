// How long to measure each backend: fast backends get seven 1.5 s windows; cpu (a second or
// more per step) three windows of at least one step, so the whole bench stays in minutes.
import type { ThroughputOptions } from './throughput';

export function nodeTiming(backend: string): Partial<ThroughputOptions> {
  if (backend === 'cpu') return { warmupSteps: 1, warmupMs: 0, windowMs: 1500, windows: 3, budgetMs: 12_000 };
  return { warmupSteps: 3, warmupMs: 1500, windowMs: 1500, windows: 7, budgetMs: 20_000 };
}

export const browserTiming = nodeTiming;
