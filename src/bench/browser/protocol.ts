// Messages between the benchmark page and its worker.
import type { VaeBenchRow, summarise } from '../vaeBench';
import type { StockComparison } from '../compareWithStock';
import type { AdamComparison } from '../compareAdam';
import type { CaseRate } from '../estimators/oursBench';
import type { AdamCheck, ModelCheck, OpCheck } from './webgpuCheck';

/** `run` measures throughput; `check` compares the dense path with stock tfjs on each backend; `estimators` times the PyTorch comparison's cases. */
export type BenchRequest = { type: 'run' | 'check' | 'estimators'; backends: string[] };

export interface BackendCheck {
  backend: string;
  comparison?: StockComparison;
  adam?: AdamComparison;
  /** Threads this project's kernels run on in this worker (0: not running). */
  kernelThreads?: number;
  /** On a backend with the fused ops but not the pool (webgpu): the WGSL kernels' own checks. */
  gpu?: GpuCheck;
  problem?: string;
}

export interface GpuCheck {
  /** fusedOpsReady() on the backend: the dense layers and the Bernoulli node use the WGSL kernels. */
  fusedOps: boolean;
  /** Each kernel against stock tfjs on cpu. */
  ops: OpCheck[];
  /** graphs/vae.json fused here against stock tfjs on cpu: loss, gradients, one Adam step. */
  model: ModelCheck;
  /** The project's Adam here (FusedAdam on the WGSL kernel), six steps, against cpu. */
  adam: AdamCheck;
}

export type BenchMessage =
  | { type: 'log'; line: string }
  | { type: 'done'; rows: VaeBenchRow[]; summary: ReturnType<typeof summarise>; env: BrowserEnv }
  | { type: 'checked'; checks: BackendCheck[] }
  | { type: 'estimators'; backend: string; rates: CaseRate[] }
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
  checks?: BackendCheck[];
  estimators?: { backend: string; rates: CaseRate[] };
  error?: string;
}
