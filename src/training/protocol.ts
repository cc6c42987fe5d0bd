// The messages between a training host (the Web Worker, the CLI) and whoever watches it.
// Plain data only: these cross the worker boundary through comlink's structured clone.

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

export interface BackendInfo {
  name: BackendName;
  /** Why this backend was chosen, for the UI ("wasm: 4 threads, page is cross-origin isolated"). */
  reason: string;
  /** Threads the CPU-side work runs on (wasm, cpu); none for a GPU backend. */
  threads?: number;
  /**
   * Whether the training worker is cross-origin isolated (browser only): threads need it.
   * When false the panel says why training runs on one thread (src/hosting/isolation.ts).
   */
  isolated?: boolean;
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
  /**
   * Held-out NLL after the epoch: exact for linear-Gaussian models, else a quick importance-
   * sampled estimate on part of the test set (the final summary has the careful one).
   */
  nll?: number;
}

/** Images in [0, 1], row-major, `count` of them, each side×side. */
export interface ImageGrid {
  side: number;
  count: number;
  pixels: Float32Array;
}

/** Points in two dimensions (n×2, row-major), with labels for colour where the data has them. */
export interface ScatterView {
  points: Float32Array;
  labels?: Int32Array;
  /** How the 2-D coordinates were made, for the axis caption. */
  method: string;
}

export interface PpcaView extends ScatterView {
  /** Principal axes drawn in the same 2-D projection, each [x, y] from the data mean (scaled by √variance). */
  learnedAxes: [number, number][];
  closedFormAxes: [number, number][];
  /** The projection's centre (the data mean) in 2-D. */
  center: [number, number];
}

/** What the model has learned, computed in the worker from the model being trained. */
export interface ModelViews {
  epoch: number;
  step: number;
  ppca?: PpcaView;
  latent?: ScatterView;
  reconstructions?: { inputs: ImageGrid; outputs: ImageGrid };
  samples?: ImageGrid;
  /** grid×grid decoded images over the 2-D latent, through the inverse Gaussian CDF. */
  manifold?: ImageGrid & { grid: number };
  interpolation?: ImageGrid & { from: number; to: number };
  /** Why a view is missing, for the UI ("no encoder: the latent scatter needs q(z|x)"). */
  notes: string[];
}

export interface ViewOptions {
  /** Test-set indices of the two digits to interpolate between. */
  interpolate?: [number, number];
  manifoldGrid?: number;
  /** How many test points the latent scatter draws (all of them by default). */
  latentPoints?: number;
}

/** The lecture's argument in numbers: how noisy each estimator is, and how much it uses z. */
export interface Diagnostics {
  repeats: number;
  /** Spread of the batch-mean loss estimate over repeated draws of the samples. */
  lossSpread: { mean: number; std: number };
  /** Spread of the gradient estimate over the same draws: E‖g − ḡ‖² and ‖ḡ‖². */
  gradient: { variance: number; meanSquaredNorm: number };
  /** Mean effective sample size of the importance weights, as a fraction of K. */
  ess?: { samples: number; prior?: number; encoder?: number };
  /** Mean analytic KL(q‖p) per latent dimension, nats; a dimension above 0.01 counts as active. */
  klPerDim?: number[];
  activeUnits?: number;
}

/** Trained variables by name, as plain arrays (the file format stores them base64). */
export interface WeightsSnapshot {
  variables: { name: string; shape: number[]; data: Float32Array }[];
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
  | {
      type: 'started';
      backend: BackendInfo;
      dataDim: number;
      nTrain: number;
      nTest: number;
      stepsPerEpoch: number;
      closedForm?: ClosedFormSummary;
      /** Sentences about a model that may not fit its data (a Bernoulli on values outside [0, 1]); training goes on. */
      warnings?: string[];
    }
  | { type: 'progress'; progress: ProgressInfo }
  /**
   * The final held-out evaluation after training, which with K importance samples per test
   * example can take minutes: `fraction` of the test set done (0 when it starts, 1 at the end).
   */
  | { type: 'evaluating'; what: 'held-out NLL'; samples: number; fraction: number }
  | { type: 'epoch'; record: EpochRecord }
  | { type: 'views'; views: ModelViews }
  | { type: 'status'; message: string }
  | { type: 'paused' }
  | { type: 'resumed' }
  | { type: 'done'; reason: 'finished' | 'stopped'; final: FinalSummary; samplesPerSec: number }
  | { type: 'error'; message: string; nodeId?: string; diverged?: DivergenceInfo };

/** Where a run diverged and which weights it kept, for the UI and the CLI's result file. */
export interface DivergenceInfo {
  epoch: number;
  /** Step within the epoch, 1-based; 0 when the epoch's mean or its held-out loss gave it away. */
  step: number;
  /** The epoch whose weights were restored; 0 = the start of training. */
  restoredEpoch: number;
  /** 'the end of epoch 3' | 'the start of training' */
  restoredTo: string;
}

export interface TrainOptions {
  /** Wall-clock time between model views during training (0: no views). */
  viewsEveryMs?: number;
  viewOptions?: ViewOptions;
  /** Start from these weights (a graph saved trained) instead of a fresh initialisation. */
  initialWeights?: WeightsSnapshot;
  /** Start paused (single-step mode for lectures). */
  startPaused?: boolean;
  /** A backend the user chose, or 'auto': measured on this graph (numbers checked against cpu). */
  backend?: BackendName | 'auto';
}

/** What the trainer worker exposes through comlink. */
export interface TrainerApi {
  backend(): Promise<BackendInfo>;
  /**
   * Trains the given graph document (JSON text); events stream to `onEvent`. Resolves when
   * training ends. The worker sends them in batches, in order (each batch one message).
   */
  train(docJson: string, onEvent: (e: TrainEvent | TrainEvent[]) => void, options?: TrainOptions): Promise<void>;
  pause(): void;
  resume(): void;
  stop(): void;
  /** While paused: run exactly one optimisation step, then stay paused. */
  step(): void;
  /** Views of the current (or last trained) model, computed now. */
  views(options?: ViewOptions): Promise<ModelViews | undefined>;
  /** Estimator diagnostics of the current (or last trained) model, on a test batch. */
  diagnostics(repeats?: number): Promise<Diagnostics | undefined>;
  /** The current (or last trained) model's variables. */
  weights(): Promise<WeightsSnapshot | undefined>;
  /** The trained encoder or decoder as a tfjs layers model (model.json + weights.bin). */
  exportModel(part: 'encoder' | 'decoder'): Promise<ExportedModel | undefined>;
  /**
   * The graph (JSON text) as a self-contained PyTorch project, zipped under one folder
   * `${fileStem}-pytorch/`. Weights shipped: the worker's own model if its last run was of
   * this same graph structure, else `weights` (the page's trained weights of the open graph:
   * a file opened trained, an autosave), else none (the project still has the initial
   * weights). `shipped` says which. A failure is returned, not thrown, so that the node it
   * is about (`nodeId`) survives the trip across the worker boundary.
   */
  exportPyTorch(
    docJson: string,
    weights?: WeightsSnapshot,
  ): Promise<{ ok: true; fileStem: string; zip: ArrayBuffer; shipped: 'run' | 'page' | 'none' } | { ok: false; message: string; nodeId?: string }>;
}

export interface ExportedModel {
  /** Suggested file stem, e.g. "vae-decoder". */
  fileStem: string;
  /** model.json content; its weightsManifest points at `${fileStem}.weights.bin`. */
  modelJson: string;
  weightsBin: ArrayBuffer;
}
