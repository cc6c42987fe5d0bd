// What a node kind's TeX hooks are given (src/nodes/<kind>/tex.ts), and the small TeX helpers
// they share with the objective formula (src/compiler/objectiveFormula.ts). Each kind writes
// its own piece — an estimator its loss, a distribution its density, a layer its arrow — and
// the formula builder stitches them together; this file keeps the two sides apart, so the
// kinds never import the compiler.
//
// Only numbers from validated params and fixed TeX go into a formula — never a label or any
// other text from the file — so a graph cannot smuggle TeX commands into it.
import type { GraphDoc, GraphNode } from '../graph/document';

export const MISSING_TEX = '\\textcolor{#c62828}{?}';
export const MEAN_OVER_BATCH = '\\frac{1}{B}\\sum_{n=1}^{B}';

/** A finite number as TeX (4 significant digits, 10^k for very large or small); else "?". */
export function texNumber(v: unknown): string {
  if (typeof v !== 'number' || !Number.isFinite(v)) return MISSING_TEX;
  const s = String(Number(v.toPrecision(4)));
  const m = /^(-?[\d.]+)e([+-]\d+)$/.exec(s);
  return m ? `${m[1]} \\times 10^{${Number(m[2])}}` : s;
}

const ACTIVATION_TEX: Record<string, string> = {
  relu: '\\mathrm{ReLU}',
  tanh: '\\tanh',
  sigmoid: '\\mathrm{sigmoid}',
  softplus: '\\mathrm{softplus}',
  leakyRelu: '\\mathrm{lReLU}',
};

/** The TeX name of an activation, or '' for none (linear). */
export function activationTex(a: unknown): string {
  return typeof a === 'string' ? (ACTIVATION_TEX[a] ?? '') : '';
}

/** An activation applied to a body: relu(W z + b), or the body alone for none. */
export function applied(a: unknown, body: string): string {
  const t = activationTex(a);
  return t ? `${t}(${body})` : body;
}

/** An arrow labelled with an activation (a plain arrow for none), for chains like 784 → 400. */
export function arrowTex(a: unknown): string {
  const t = activationTex(a);
  return t ? `\\xrightarrow{${t}}` : '\\to';
}

/** One layer of a network as the formula writes it ("→ 400" with its activation). */
export interface TexLayer {
  units: number | undefined;
  /** '' for no activation. */
  act: string;
  bias: boolean;
}

/** Where a tensor comes from, after walking back through the network nodes. */
export type Origin = 'x' | 'latent' | 'z' | 'zhat' | 'none';

export interface TensorRef {
  /** The function applied (f, g, …), absent when the value is the origin itself. */
  name?: string;
  origin: Origin;
}

export type DistRole = 'likelihood' | 'prior' | 'proposal';

/** The formula builder as the kinds' TeX hooks see it (implemented in objectiveFormula.ts). */
export interface FormulaContext {
  readonly doc: GraphDoc;
  /** Width of the dataset, when known. */
  readonly dataDim: number | undefined;
  /** 'z' or '\hat z': how the loss's latent is written. */
  readonly latentSymbol: string;
  /** Adds a sentence saying what is missing (once). */
  problem(message: string): void;
  /** Params after the kind's schema (defaults filled); the defaults if they are invalid. */
  params(node: GraphNode): Record<string, unknown>;
  /** The inferred width of a node's output port. */
  dim(nodeId: string, port: string): number | undefined;
  /** The node feeding one of the loss's ports, with a sentence when it is not connected. */
  lossInput(loss: GraphNode, port: string): GraphNode | undefined;
  /** The line that says what the data x_n are. */
  dataLine(xNode: GraphNode | undefined): string;
  /** One distribution's definition: p(x|z) = …, p(z) = …, q(z|x) = …. */
  distDef(node: GraphNode | undefined, role: DistRole): string;
  /** "σ = 1" or "σ learned (init 1)". */
  scaleTex(p: Record<string, unknown>, sym: string): string;
  /** Walks back from a tensor output through the network nodes and names the network. */
  tensor(start: GraphNode | undefined, port: string, preferred: string, what: string): TensorRef | undefined;
  /** f(z), g(x_n), or the bare variable. */
  call(ref: TensorRef | undefined, sub?: string): string;
  /** Component i of the value: f_i(z), z_i. */
  component(ref: TensorRef | undefined, i: string): string;
  /** Writes the formula over this latent (how z is written, J); call before the definitions. */
  useLatent(zNode: GraphNode | undefined, zPort: string): LatentUse;
  /** The rows under a loss over the latent: distributions and sampling, `extra`, networks, data. */
  latentLines(parts: LatentParts, extra?: string[]): string[];
}

export interface LatentUse {
  /** Samples per example (1 for a point estimate). */
  J: number;
  /** z_{n,j}, z_n or \hat z_n. */
  zs: string;
  /** z is drawn (a sampler in reparameterised mode), not a point estimate or missing. */
  sampled: boolean;
}

export interface LatentParts {
  x: GraphNode | undefined;
  likelihood: GraphNode | undefined;
  prior: GraphNode | undefined;
  /** Written only when `withProposal` (a red "?" when it is missing then). */
  proposal: GraphNode | undefined;
  withProposal: boolean;
  zNode: GraphNode | undefined;
  zPort: string;
  J: number;
}

/** What a distribution kind's TeX hook gets: its node, its role and how the role is written. */
export interface DistTexArgs {
  node: GraphNode;
  role: DistRole;
  /** "p(x \mid z)", "p(z)", "q(z \mid x)". */
  lhs: string;
  /** The variable the density is over: x or z. */
  v: string;
  /** "the likelihood", for sentences. */
  what: string;
}

/** What a latent-variable estimator's TeX term gets (see latentFormula in objectiveFormula.ts). */
export interface EstimatorTexArgs {
  params: Record<string, unknown>;
  /** Samples per example (1 for a point estimate). */
  J: number;
  /** The latent as written in the sum: z_{n,j} or \hat z_n. */
  zs: string;
  latentSymbol: string;
  /** Whether z is drawn (a sampler in reparameterised mode), not a point estimate or missing. */
  sampled: boolean;
  /** (1/J) Σ_j body, or body when J = 1. */
  avg(body: string): string;
}

/** The formula's aligned block: the loss, then "where" and each definition on its own row. */
export function assemble(head: string, lines: string[]): string {
  const defs = lines.filter((l) => l.length > 0);
  const rows = [`\\mathcal{L} &= ${head}`, ...defs.map((l, i) => `${i === 0 ? '\\text{where}\\quad' : ''} & ${l}`)];
  return `\\begin{aligned}\n${rows.join(' \\\\\n')}\n\\end{aligned}`;
}

/** Pairs short definitions two to a line so the formula stays wide rather than tall. */
export function pairUp(items: (string | undefined)[]): string[] {
  const xs = items.filter((s): s is string => !!s);
  const out: string[] = [];
  for (let i = 0; i < xs.length; i += 2) out.push(xs.slice(i, i + 2).join(',\\qquad '));
  return out;
}

// ---- Estimators from parts: what a part's TeX hook (src/nodes/<part>/tex.ts) is given and returns.

/** Where a tensor comes from, for the parts: the data, the loss's latent, or something else. */
export type PartAt = 'x' | 'z' | 'other';

/**
 * A distribution as a part sees it: how its density is written (p(x_n | z_{n,j}), p(z),
 * q(z | x_n)), and whether its parameters are held fixed (then written q_⊥).
 */
export interface PartDist {
  kind: 'dist';
  role: DistRole | undefined;
  symbol: string;
  /** What it is conditioned on, written after the bar; none for the prior. */
  given?: string;
  held: boolean;
  /** It depends on the sample index j (the likelihood, read from z_{n,j}). */
  perSample: boolean;
}

export interface PartTensor {
  kind: 'tensor';
  tex: string;
  at: PartAt;
  /** A stop-gradient sits on the way. */
  held: boolean;
  perSample: boolean;
}

/**
 * What a term is, read off the parts, so a run can be named after a known estimator (IWAE,
 * ELBO, β-VAE, STL, DReG) without reading TeX.
 */
export type TermForm =
  | { op: 'logDensity'; role: DistRole | undefined; distHeld: boolean; at: PartAt; valueHeld: boolean }
  | { op: 'kl'; q: DistRole | undefined; p: DistRole | undefined }
  | { op: 'sum'; terms: { w: number; warmUp?: { unit: string; length: number }; form: TermForm }[] }
  | { op: 'reduce'; how: string; of: TermForm; weights?: TermForm }
  | { op: 'weights'; power: string; fixed: boolean; of: TermForm }
  | { op: 'missing' };

/** A term that is the log of a ratio of densities: log-mean-exp writes the ratio itself. */
export interface LogRatio {
  num: string[];
  den: string[];
}

export interface PartTerm {
  kind: 'term';
  tex: string;
  /** It depends on j: a reduction sums it over the samples. */
  perSample: boolean;
  /** A sum of several terms, bracketed when scaled, negated or summed over. */
  sum: boolean;
  log?: LogRatio;
  form: TermForm;
}

export type PartValue = PartDist | PartTensor | PartTerm;

/** What a part's TeX hook gets. */
export interface PartTexArgs {
  /** Params after the kind's schema (defaults filled). */
  params: Record<string, unknown>;
  /** Each connected input's value, by port. */
  inputs: Record<string, PartValue | undefined>;
  /** Samples per example of the latent (1: no sample index). */
  J: number;
  /** Adds a row under the formula saying what a symbol means (once). */
  note(line: string): void;
}

export const missingTerm = (): PartTerm => ({ kind: 'term', tex: MISSING_TEX, perSample: false, sum: false, form: { op: 'missing' } });

/** The index of a value per example n and, when it depends on the samples, sample j. */
export const partIndex = (perSample: boolean): string => (perSample ? 'n,j' : 'n');

/** A distribution's density at v: p(x_n | z_{n,j}), p(z_{n,j}), q_⊥(z_{n,j} | x_n). */
export function densityTex(d: PartDist, v: string): string {
  return `${d.symbol}${d.held ? '_{\\bot}' : ''}(${v}${d.given ? ` \\mid ${d.given}` : ''})`;
}

/** A term as one factor or summand: bracketed when it is itself a sum. */
export const bracketed = (t: PartTerm): string => (t.sum ? `\\big[${t.tex}\\big]` : t.tex);

/** The objective's rows: each loss with what it trains, then "where" and each definition. */
export function assembleRows(heads: { lhs: string; tex: string }[], lines: string[]): string {
  const defs = lines.filter((l) => l.length > 0);
  const rows = [...heads.map((h) => `${h.lhs} &= ${h.tex}`), ...defs.map((l, i) => `${i === 0 ? '\\text{where}\\quad' : ''} & ${l}`)];
  return `\\begin{aligned}\n${rows.join(' \\\\\n')}\n\\end{aligned}`;
}

/** What ⊥(·) means, as the formula's legend says it (the stop-gradient parts' symbol). */
export const STOP_GRADIENT_LEGEND = '\\bot(\\cdot)\\colon \\text{held fixed, no gradient flows back through it}';
