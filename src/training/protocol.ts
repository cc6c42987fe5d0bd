// The messages between a training host (the Web Worker, the CLI) and whoever watches it.
// Plain data only: these cross the worker boundary through comlink's structured clone.

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

export interface BackendInfo {
  name: BackendName;
  /** Why this backend was chosen, for the UI ("wasm: 4 threads, page is cross-origin isolated"). */
  reason: string;
  threads?: number;
}

export interface ClosedFormSummary {
  /** Mean NLL per example at the eigendecomposition optimum, in nats. */
  trainNll: number;
  testNll: number;
  sigma2: number;
}

export interface EpochRecord {
  epoch: number;
  /** Mean training loss over the epoch's batches, nats per example. */
  trainLoss: number;
  /** Loss on the held-out set after the epoch, nats per example. */
  testLoss: number;
}

export interface ProgressInfo {
  epoch: number;
  epochs: number;
  /** Step within the epoch, 1-based. */
  step: number;
  stepsPerEpoch: number;
  /** Latest batch loss read back from the backend (read every few steps, not every step). */
  batchLoss: number;
  samplesPerSec: number;
  elapsedMs: number;
}

export interface FinalSummary {
  trainLoss: number;
  testLoss: number;
  testNll: number;
  testNllMethod: string;
  /** Learned noise variance σ² of a linear-Gaussian model. */
  sigma2?: number;
  /** Largest principal angle (degrees) between the learned and closed-form subspaces. */
  subspaceAngleDeg?: number;
}

export type TrainEvent =
  | { type: 'started'; backend: BackendInfo; dataDim: number; nTrain: number; nTest: number; stepsPerEpoch: number; closedForm?: ClosedFormSummary }
  | { type: 'progress'; progress: ProgressInfo }
  | { type: 'epoch'; record: EpochRecord }
  | { type: 'paused' }
  | { type: 'resumed' }
  | { type: 'done'; reason: 'finished' | 'stopped'; final: FinalSummary; samplesPerSec: number }
  | { type: 'error'; message: string; nodeId?: string };

/** What the trainer worker exposes through comlink. */
export interface TrainerApi {
  backend(): Promise<BackendInfo>;
  /** Trains the given graph document (JSON text); events stream to `onEvent`. Resolves when training ends. */
  train(docJson: string, onEvent: (e: TrainEvent) => void): Promise<void>;
  pause(): void;
  resume(): void;
  stop(): void;
}
