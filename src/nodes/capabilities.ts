// The optional capabilities a node kind declares on its spec (see NodeSpec in types.ts). Like
// tldraw's ShapeUtil, the kind's spec is the one object every subsystem asks — the formula,
// the runs and variants menu, the export, the editor, the share link — so none of them
// compares kind names. Each capability is pure data and pure functions (no tfjs, no React).
import type { GraphNode } from '../graph/document';
import type { Activation } from './activations';
import type { DistTexArgs, EstimatorTexArgs, FormulaContext, TexLayer } from './tex';

/**
 * Params as the caller holds them: a document's (validated when it was opened, but not
 * defaulted) or the formula's (defaults filled). Hooks read them defensively.
 */
export type RawParams = Record<string, unknown>;

/** A loss node: one estimator of the lecture. */
export interface EstimatorCapability {
  /** The run's name in the runs legend, e.g. "IWAE, J=5"; J is the latent sampler's count. */
  runName(params: RawParams, J: number): string;
  /** Its value depends on the J samples drawn per example: the variants menu offers other J. */
  samples: boolean;
  /** What J means for this estimator, in a sentence. */
  meaningOfJ: string;
  /** Integrates the latent out exactly (the linear-Gaussian chain), so it has no sampled latent. */
  exact?: boolean;
  /** Reads z drawn from the prior, not from an encoder: swapping to it points the sampler at the prior. */
  fromPrior?: boolean;
  /** A point estimate z = g(x): it needs an encoder, and its sampler returns the mean. */
  pointEstimate?: boolean;
  /** J set when swapped in from a single-sample graph (IWAE with J = 1 is the ELBO). */
  swapInSamples?: number;
  /** Place in the variants menu: the order of the lecture. */
  order: number;
  /** Variants of its own params the menu offers (the ELBO's KL analytic ↔ Monte Carlo). */
  paramVariants?(params: RawParams): { key: string; label: string; patch: Record<string, unknown> }[];
  /** The estimator's TeX. A latent-variable estimator writes its loss term from the parts. */
  tex: { term(args: EstimatorTexArgs): string } | { formula(ctx: FormulaContext, loss: GraphNode): string };
}

/** A distribution node. */
export interface DistributionCapability {
  family: 'gaussian' | 'bernoulli';
  /** The input port that carries its location (a Gaussian's mean, a Bernoulli's logits). */
  locationPort: string;
  /** The exported decoder ends in the distribution's mean: sigmoid for logits, none for a mean. */
  meanOfLocation: 'identity' | 'sigmoid';
  /** Its definition in the objective formula, e.g. p(x|z) = N(x | f(z), σ²I). */
  tex(ctx: FormulaContext, args: DistTexArgs): string;
}

/** One dense layer of an exported tfjs layers model, in application order. */
export interface LayerPlan {
  nodeId: string;
  /** Saved variable names (`${nodeId}/${local}`), kernel [in, out] first, then the bias. */
  kernel: string;
  bias?: string;
  units: number;
  activation: Activation;
}

/** A node of layers on the `in` → `out` path (linear, dense, MLP): networks in the formula and the export. */
export interface LayerCapability {
  /** Its layers as the formula writes them; `units` resolves a size declared as 'data'. */
  texLayers(params: RawParams, units: (u: unknown) => number | undefined): TexLayer[];
  /** Its layers in the exported tfjs model, with the trained variables' saved names. */
  exportLayers(node: GraphNode, outputDim: number): LayerPlan[];
}

/** A sampler: the node whose output is the latent z. */
export interface SamplerCapability {
  /** The input port of the distribution it draws from. */
  distPort: string;
  /** Returns the distribution's mean instead of drawing (the autoencoder's point estimate). */
  pointEstimate(params: RawParams): boolean;
  /** Samples J per example (1 when not a number). */
  samples(params: RawParams): number;
}

/** The data node: what the editor, the share link, the formula and the loaders ask of it. */
export interface DataSourceCapability<P> {
  /** The data width the params declare before any data is loaded (undefined: not yet known). */
  declaredWidth(params: P): number | undefined;
  /** A file the inspector loads into the node (a CSV), when its source is one; raw params. */
  fileLoader(params: RawParams): { name: string; columns: number } | undefined;
  /** Words the node's summary adds for what its fields do not show; raw params. */
  summary(params: RawParams): string | undefined;
  /** Whether the document carries the data itself (a CSV kept in the file): it makes links large. */
  embedsData(params: RawParams): boolean;
  /** TeX after x_n ∈ R^d saying where the data come from: " (MNIST)". */
  texSource(params: RawParams): string;
}
