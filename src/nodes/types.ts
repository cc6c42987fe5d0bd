// What every node kind declares. Specs are pure data + pure functions (no tfjs, no React):
// the editor, the compiler and the file parser all read them. The tfjs side of a kind
// lives in its `build.ts`, loaded only by the training core (worker, CLI, tests).
import type { z } from 'zod';
import type { GraphDoc, GraphNode } from '../graph/document';
import type { LimitName } from '../graph/limits';
import type { BlockCapability, DataSourceCapability, DensityCapability, DistributionCapability, EstimatorCapability, KlCapability, LayerCapability, ObjectiveCapability, PartTexCapability, PassThroughCapability, PyTorchCapability, ReductionCapability, SamplerCapability, SumCapability, SummaryTex } from './capabilities';

/**
 * `term`: one number per sample and example, [S, B] — a log-density, a KL, a weighted sum of
 * such; the estimator parts pass terms until a reduction over samples and an objective.
 */
export type PortKind = 'tensor' | 'dist' | 'term' | 'objective';
/** `part`: the pieces estimators are built from (log-densities, KL, sums, reductions, stop-gradients). */
export type NodeFamily = 'data' | 'distribution' | 'linear' | 'network' | 'sampler' | 'part' | 'loss' | 'block';

export interface PortSpec {
  name: string;
  kind: PortKind;
  label: string;
  /** An input that may stay unconnected (it changes what the node means, see the doc). */
  optional?: boolean;
  doc?: string;
}

/** Shapes are [S, B, D]: S samples per example, B the batch (symbolic), D features. */
export interface TensorShape {
  kind: 'tensor';
  samples: number;
  dim: number;
}
export interface DistShape {
  kind: 'dist';
  family: 'gaussian' | 'bernoulli';
  /** 1 for a distribution that depends on no sample (a prior, or one computed from data). */
  samples: number;
  dim: number;
}
/** A per-sample term [S, B]: S = 1 once reduced over samples. */
export interface TermShape {
  kind: 'term';
  samples: number;
}
export interface ObjectiveShape {
  kind: 'objective';
}
export type PortShape = TensorShape | DistShape | TermShape | ObjectiveShape;

/** The feature width of a tensor or a distribution; terms and losses have none. */
export function dimOf(s: PortShape | undefined): number | undefined {
  return s && (s.kind === 'tensor' || s.kind === 'dist') ? s.dim : undefined;
}

export function formatShape(s: PortShape): string {
  if (s.kind === 'objective') return 'loss';
  if (s.kind === 'term') return `${s.samples}×B`;
  const body = `${s.samples}×B×${s.dim}`;
  return s.kind === 'dist' ? `${s.family} ${body}` : body;
}

/** One editable parameter, as the inspector shows it. Validation is the kind's zod schema. */
export type FieldSpec =
  /** unlessConnected: the value is ignored while that input port is connected (a prior's dim, once a mean comes in). */
  /** inSummary: false keeps the value out of the node's summary (the kind's own words say it, e.g. a data node's binarisation). */
  | { key: string; label: string; type: 'number'; min?: number; max?: number; step?: number; integer?: boolean; help?: string; unlessConnected?: string; inSummary?: false; showIf?: (p: Record<string, unknown>) => boolean }
  | { key: string; label: string; type: 'select'; options: { value: string; label: string }[]; help?: string; unlessConnected?: string; inSummary?: false; showIf?: (p: Record<string, unknown>) => boolean }
  | { key: string; label: string; type: 'boolean'; help?: string; showIf?: (p: Record<string, unknown>) => boolean }
  | { key: string; label: string; type: 'text'; help?: string; showIf?: (p: Record<string, unknown>) => boolean }
  /** A list of positive integers, typed as "400, 200". */
  | { key: string; label: string; type: 'int-list'; help?: string; showIf?: (p: Record<string, unknown>) => boolean }
  /** A dimension that may be the literal 'data': the width of the dataset. */
  | { key: string; label: string; type: 'dim-or-data'; help?: string; showIf?: (p: Record<string, unknown>) => boolean };

export interface ShapeContext {
  /** Width of the dataset (columns); sizes declared as 'data' resolve to it. */
  dataDim: number | undefined;
}

export interface InferArgs<P> {
  node: GraphNode;
  params: P;
  /** Shapes arriving at each connected input port. */
  inputs: Record<string, PortShape | undefined>;
  ctx: ShapeContext;
}

export interface InferResult {
  outputs: Record<string, PortShape>;
  /** Sentences for a person, shown on the node. */
  errors: string[];
}

export interface StructureArgs<P> {
  node: GraphNode;
  params: P;
  doc: GraphDoc;
}

export interface NodeSpec<P = Record<string, unknown>> {
  kind: string;
  family: NodeFamily;
  title: string;
  /** One or two sentences for the palette and inspector. */
  doc: string;
  /** The node's formula in TeX. */
  formula: string;
  /** The short formula under its title, as set and wired (the editor shows `formula` without one). */
  summaryTex?: SummaryTex;
  inputs: PortSpec[];
  outputs: PortSpec[];
  params: z.ZodType<P>;
  defaults: P;
  fields: FieldSpec[];
  infer(args: InferArgs<P>): InferResult;
  /** Checks that need the whole graph (e.g. the exact marginal needs a linear decoder). */
  checkStructure?(args: StructureArgs<P>): string[];
  /**
   * Widths of the layers inside the node that no edge shows (an MLP's hidden layers): the
   * memory estimate counts their activations and weights.
   */
  hiddenWidths?(params: P): number[];
  /**
   * A data source: the range its values lie in, when it is known without loading anything
   * large (undefined: not known before training). Likelihoods are checked against it.
   */
  valueRange?(params: P): ValueRange | undefined;
  /** A likelihood: the values it is a density over; data outside make its loss meaningless. */
  support?: SupportSpec;

  /**
   * Its size-like params and the LIMITS each is held to (the schema enforces the number; a
   * test checks it does): the file parser's sentence for a value over the cap quotes them.
   */
  paramLimits?: ParamLimitSpec[];

  // What the rest of the app asks of the kind (capabilities.ts): declare the ones that apply.
  /** A loss: its estimator's run name, J, TeX and place in the variants menu. */
  estimator?: EstimatorCapability;
  /** A distribution: its family, location port and TeX definition. */
  distribution?: DistributionCapability;
  /** Layers on the in → out path: the formula's networks and the tfjs layers export. */
  layer?: LayerCapability;
  /** The sampler whose output is the latent z. */
  sampler?: SamplerCapability;
  /** The data source. */
  dataSource?: DataSourceCapability<P>;
  /** An estimator part: a log-density of a distribution at a value. */
  density?: DensityCapability;
  /** An estimator part: the closed-form KL between two distributions. */
  kl?: KlCapability;
  /** An estimator part that passes its input on, changing only the gradients (stop-gradients). */
  passThrough?: PassThroughCapability;
  /** An objective part: its scope and whether it is the reported estimate. */
  objective?: ObjectiveCapability;
  /** An estimator part that adds weighted terms (its coefficients are the β of a β-VAE). */
  sum?: SumCapability;
  /** An estimator part that reduces over samples (mean ↔ log-mean-exp is Jensen's step). */
  reduction?: ReductionCapability;
  /** An estimator part: its own expression in the objective's formula (<kind>/tex.ts). */
  partTex?: PartTexCapability;
  /** A block instance: its ports come from the document's block definition, not from the spec. */
  block?: BlockCapability;
  /** Its Python in the PyTorch export (<kind>/export.ts). Every kind but the block has one. */
  pytorch?: PyTorchCapability;
}

/** A param with a size-like cap. `param` is the key; `hidden[]` means each element of `hidden`. */
export interface ParamLimitSpec {
  param: string;
  limit: LimitName;
  /** "a layer width" */
  what: string;
}

/** The smallest and largest value of a dataset; ±Infinity for an unbounded source. */
export interface ValueRange {
  min: number;
  max: number;
}

export interface SupportSpec extends ValueRange {
  /** "a Bernoulli likelihood" */
  what: string;
  /** What to do instead: "rescale the data into [0, 1], or use a Gaussian likelihood". */
  remedy: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyNodeSpec = NodeSpec<any>;
