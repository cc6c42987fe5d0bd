// Messages between the benchmark page and its worker.
import type { VaeBenchRow, summarise } from '../vaeBench';

export type BenchRequest = { type: 'run'; backends: string[] };

export type BenchMessage =
  | { type: 'log'; line: string }
  | { type: 'done'; rows: VaeBenchRow[]; summary: ReturnType<typeof summarise>; env: BrowserEnv }
  | { type: 'error'; message: string };

export interface BrowserEnv {
  userAgent: string;
  hardwareConcurrency: number;
  crossOriginIsolated: boolean;
  webglRenderer?: string;
}

/** What the page exposes for the driver (scripts/bench) to poll. */
export interface BenchState {
  logs: string[];
  done: boolean;
  rows?: VaeBenchRow[];
  summary?: ReturnType<typeof summarise>;
  env?: BrowserEnv;
  error?: string;
}
