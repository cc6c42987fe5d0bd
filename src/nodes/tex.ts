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
