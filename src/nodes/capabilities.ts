// The optional capabilities a node kind declares on its spec (see NodeSpec in types.ts). Like
// tldraw's ShapeUtil, the kind's spec is the one object every subsystem asks — the formula,
// the runs and variants menu, the export, the editor, the share link — so none of them
// compares kind names. Each capability is pure data and pure functions (no tfjs, no React).
import type { GraphDoc, GraphNode } from '../graph/document';
import type { Activation } from './activations';
import type { DistTexArgs, EstimatorTexArgs, FormulaContext, PartTexArgs, PartValue, TexLayer } from './tex';
import type { EstimatorExpansion, ExpansionInputs } from './expand';
import type { PortShape } from './types';

/**
 * Params as the caller holds them: a document's (validated when it was opened, but not
 * defaulted) or the formula's (defaults filled). Hooks read them defensively.
 */
export type RawParams = Record<string, unknown>;

/** A loss node: one estimator of the lecture. */
export interface EstimatorCapability {
  /**
   * The run's name in the runs legend, e.g. "IWAE, J=5"; J is the latent sampler's count. An
   * estimator built from parts reads its name off the graph (`where`); without it, a generic one.
   */
  runName(params: RawParams, J: number, where?: { doc: GraphDoc; node: GraphNode }): string;
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
  /**
   * Its meaning is read off the parts wired into it (the objective): the menu never swaps a
   * loss to it, and its variants are its parts' params (J, reduction, KL mode, β).
   */
  composed?: boolean;
  /** Variants of its own params the menu offers (the ELBO's KL analytic ↔ Monte Carlo). */
  paramVariants?(params: RawParams): { key: string; label: string; patch: Record<string, unknown> }[];
  /** The estimator's TeX. A latent-variable estimator writes its loss term from the parts. */
  tex: { term(args: EstimatorTexArgs): string } | { formula(ctx: FormulaContext, loss: GraphNode): string };
  /** The parts it is made of, wired to its inputs (src/nodes/expand.ts places and wires them). */
  expand?(node: GraphNode, inputs: ExpansionInputs): EstimatorExpansion;
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
  /** The node's title when the user gave it no label: what it holds ("MNIST digits", "data.csv"); raw params. */
  label(params: RawParams): string;
  /**
   * Which data the params name (the source, and the file for a CSV); raw params. When it
   * changes, a label written for the old data no longer describes the node and is dropped.
   */
  identity(params: RawParams): string;
  /** Whether the document carries the data itself (a CSV kept in the file): it makes links large. */
  embedsData(params: RawParams): boolean;
  /** TeX after x_n ∈ R^d saying where the data come from: " (MNIST)". */
  texSource(params: RawParams): string;
}

/**
 * A block instance (src/graph/blocks/): a node standing for one of the document's block
 * definitions. Its spec lists no ports; they are the definition's boundary ports.
 */
export interface BlockCapability {
  /** The id (a key of the document's `blocks`) of the definition the params name. */
  definition(params: RawParams): string | undefined;
}

/** A part that evaluates a distribution's log-density at a value (the log-density node). */
export interface DensityCapability {
  distPort: string;
  valuePort: string;
}

/** A part that compares two distributions in closed form (the analytic KL). */
export interface KlCapability {
  qPort: string;
  pPort: string;
}

/** A part whose output is its input, changed only in where gradients flow (the stop-gradients). */
export interface PassThroughCapability {
  input: string;
  output: string;
}

/** Which parameters an objective trains (see src/compiler/objectiveScope.ts). */
export type ObjectiveScopeName = 'all' | 'encoder' | 'decoder';

/** A loss that states its scope and whether it is the reported estimate (the objective part). */
export interface ObjectiveCapability {
  scope(params: RawParams): ObjectiveScopeName;
  reported(params: RawParams): boolean;
}

/**
 * An estimator part's own TeX (src/nodes/<part>/tex.ts): its expression from its inputs' —
 * log p(x_n | z_{n,j}), KL(q‖p), Σ w_k t_k, log (1/J) Σ_j … — which the objective's formula
 * composes walking upstream (src/nodes/objective/composedTex.ts); undefined: nothing to write.
 */
export type PartTexCapability = (args: PartTexArgs) => PartValue | undefined;

/** A part that adds weighted terms (the weighted sum): its terms, their coefficients, a warm-up. */
export interface SumCapability {
  /** Each term input with the param that holds its coefficient. */
  terms: { port: string; coefficient: string }[];
  /** The term input whose coefficient warms up, when a warm-up is on. */
  warmingUp(params: RawParams): string | undefined;
  /** The param naming the warmed-up term (so a rewrite can move the warm-up along). */
  warmUpOnParam: string;
}

/** A part that reduces per-sample terms over the samples, with the param that chooses how. */
export interface ReductionCapability {
  param: string;
  /** The param's values for the mean (the ELBO's) and log-mean-exp (importance sampling's). */
  mean: string;
  logMeanExp: string;
}

/**
 * A node kind's part of the PyTorch export (src/nodes/<kind>/export.ts): the Python that
 * computes its outputs in the exported model.py. src/export/pytorch/emit.ts walks the graph
 * in topological order and asks each node for its statements; model.py's preamble
 * (src/export/pytorch/python/) defines the helpers they call (Gaussian, Bernoulli, dense, …).
 */
export interface PyTorchCapability {
  /** Statements assigning every output the graph reads (`ctx.output(port) = …`). */
  forward(ctx: PyContext): string[];
  /** A distribution's own log-variance, when it has one of its own (the exact likelihood reads the chain's). */
  ownLogVariance?(ctx: PyContext): string;
}

/** What a node's export hook may ask about the node and the Python around it. */
export interface PyContext {
  node: GraphNode;
  /** The node's params, defaults filled. */
  params: RawParams;
  doc: GraphDoc;
  /** The Python expression of the value arriving at an input port; undefined when unconnected. */
  input(port: string): string | undefined;
  /** The Python variable an output port is assigned to. */
  output(port: string): string;
  /** The Python expression of one of this node's parameters, by its local name ("dense/kernel"). */
  param(local: string): string;
  /** The shapes the analysis inferred (tensors [S, B, D], distributions, terms). */
  inputShape(port: string): PortShape | undefined;
  outputShape(port: string): PortShape | undefined;
  /** Whether an input comes straight from the data node. */
  inputIsData(port: string): boolean;
  /** The statements' batch size, a Python expression. */
  batch: string;
  /** Where training is (a Python value: (step, steps_per_epoch), or None outside training). */
  progress: string;
  /** The Python expression of this node's noise source (a Noise, keyed by the node). */
  noise: string;
  /** Another node's context: the exact likelihood reads its chain's distributions and layers. */
  other(nodeId: string): PyContext | undefined;
  /** The node's own log-variance (its kind's ownLogVariance), if it has one. */
  ownLogVariance(): string | undefined;
}

/** What a node's short formula may ask of its wiring. */
export interface SummaryWiring {
  has(port: string): boolean;
  /** Width of the tensor arriving at the `in` port, when known. */
  inDim: number | undefined;
  /** A size param as TeX: a number, d for "data" when the data width is unknown, else a dot. */
  size(u: unknown): string;
}

/** The short formula under a node's title, as it is set and wired (params validated or defaults). */
export type SummaryTex = (params: RawParams, wiring: SummaryWiring) => string;
