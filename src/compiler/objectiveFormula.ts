// The graph's whole training objective as ONE TeX formula, read from the actual wiring and
// params: the estimator's per-example loss averaged over the batch, then the distributions,
// the sampling and the networks it is made of, with their real sizes. Pure (no React, no
// tfjs): a function of the document, so the editor recomputes it on every edit. An
// incomplete graph gives a partial formula (a red "?" where something is missing) and the
// sentences that say what to connect; it never throws.
//
// Only numbers from validated params and fixed TeX go into the formula — never a label or
// any other text from the file — so a graph cannot smuggle TeX commands into it.
import { upstreamSampler } from '../nodes/lossStructure';
import type { GraphDoc, GraphNode } from '../graph/document';
import { incoming, nodeById, sourceOf } from '../graph/queries';
import { getSpec } from '../nodes/registry';
import { analyzeGraph, type Analysis } from './analyze';

export interface ObjectiveFormula {
  tex: string;
  problems: string[];
}

export const MISSING_TEX = '\\textcolor{#c62828}{?}';

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

interface Layer {
  units: number | undefined;
  /** '' for no activation. */
  act: string;
  bias: boolean;
}

const layerStep = (l: Layer) => `${l.act ? `\\xrightarrow{${l.act}}` : '\\to'} ${texNumber(l.units)}`;

/** Runs at least this long of identical layers are written once, with their count. */
const RUN_SHOWN_AS_COUNT = 4;
/** Networks with more groups than this show the first and last few and count the middle. */
const GROUPS_SHOWN = 12;
const GROUPS_AT_EACH_END = 5;

/**
 * "→ 400 → 400 → 20", with a long run of identical layers written as one braced group and
 * the middle of a very long, varied network counted rather than spelled out: a 2,000-layer
 * chain stays a formula a person can read (and far below what renderTex typesets).
 */
function layerSteps(layers: Layer[]): string {
  const groups: { tex: string; layers: number }[] = [];
  for (let i = 0; i < layers.length; ) {
    const step = layerStep(layers[i]);
    let k = i + 1;
    while (k < layers.length && layerStep(layers[k]) === step) k++;
    const run = k - i;
    groups.push({ tex: run >= RUN_SHOWN_AS_COUNT ? `\\underbrace{${step} \\cdots ${step}}_{${texNumber(run)} \\text{ layers}}` : Array(run).fill(step).join(' '), layers: run });
    i = k;
  }
  if (groups.length <= GROUPS_SHOWN) return groups.map((g) => g.tex).join(' ');
  const head = groups.slice(0, GROUPS_AT_EACH_END);
  const tail = groups.slice(-GROUPS_AT_EACH_END);
  const hidden = groups.slice(GROUPS_AT_EACH_END, -GROUPS_AT_EACH_END).reduce((n, g) => n + g.layers, 0);
  return [...head.map((g) => g.tex), `\\underbrace{\\cdots}_{${texNumber(hidden)} \\text{ more layers}}`, ...tail.map((g) => g.tex)].join(' ');
}

/** Where a tensor comes from, after walking back through the network nodes. */
type Origin = 'x' | 'latent' | 'z' | 'zhat' | 'none';

interface TensorRef {
  /** The function applied (f, g, …), absent when the value is the origin itself. */
  name?: string;
  origin: Origin;
}

interface NetDef {
  name: string;
  nodeIds: string[];
  /** Layers contributed by each node of nodeIds. */
  layerCounts: number[];
  tex: string;
}

const NETWORK_KINDS = new Set(['dense', 'mlp', 'linear']);
const J_INDEX = (J: number) => (J > 1 ? 'n,j' : 'n');

class FormulaBuilder {
  readonly problems: string[] = [];
  private readonly nets = new Map<string, NetDef>();
  private readonly names = new Set<string>();
  /** The node output that is the latent for this loss (a point estimate or samples). */
  latentKey: string | undefined;
  latentSymbol = 'z';

  constructor(
    readonly doc: GraphDoc,
    readonly analysis: Analysis,
  ) {}

  problem(message: string): void {
    if (!this.problems.includes(message)) this.problems.push(message);
  }

  /** Params after the kind's schema (defaults filled); the defaults if they are invalid. */
  params(node: GraphNode): Record<string, unknown> {
    const spec = getSpec(node.kind);
    if (!spec) return {};
    const r = spec.params.safeParse(node.params);
    return (r.success ? r.data : spec.defaults) as Record<string, unknown>;
  }

  dim(nodeId: string, port: string): number | undefined {
    const s = this.analysis.outputShapes.get(nodeId)?.[port];
    return s && s.kind !== 'objective' ? s.dim : undefined;
  }

  units(u: unknown): number | undefined {
    if (u === 'data') return this.analysis.dataDim;
    return typeof u === 'number' ? u : undefined;
  }

  layersOf(node: GraphNode): Layer[] {
    const p = this.params(node);
    if (node.kind === 'linear') return [{ units: this.units(p.units), act: '', bias: p.bias !== false }];
    if (node.kind === 'dense') return [{ units: this.units(p.units), act: activationTex(p.activation), bias: true }];
    const hidden = Array.isArray(p.hidden) ? (p.hidden as number[]) : [];
    return [
      ...hidden.map((h) => ({ units: h, act: activationTex(p.activation), bias: true })),
      { units: this.units(p.outputs), act: activationTex(p.outputActivation), bias: true },
    ];
  }

  /** The TeX of the variable a chain starts from. */
  originTex(origin: Origin, sub?: string): string {
    const s = sub ? `_{${sub}}` : '';
    switch (origin) {
      case 'x':
        return `x${s}`;
      case 'z':
        return `z${s}`;
      case 'zhat':
        return `\\hat z${s}`;
      case 'latent':
        return `${this.latentSymbol}${s}`;
      case 'none':
        return MISSING_TEX;
    }
  }

  /** f(z), g(x_n), or the bare variable when no network sits in between. */
  call(ref: TensorRef | undefined, sub?: string): string {
    if (!ref) return MISSING_TEX;
    return ref.name ? `${ref.name}(${this.originTex(ref.origin, sub)})` : this.originTex(ref.origin, sub);
  }

  /** Component i of the value, for sums over dimensions: f_i(z), z_i. */
  component(ref: TensorRef | undefined, i: string): string {
    if (!ref) return MISSING_TEX;
    if (ref.name) return `${ref.name}_{${i}}(${this.originTex(ref.origin)})`;
    return ref.origin === 'none' ? MISSING_TEX : `${this.originTex(ref.origin)}_{${i}}`;
  }

  private uniqueName(preferred: string): string {
    if (!this.names.has(preferred)) return preferred;
    for (let k = 2; ; k++) if (!this.names.has(`${preferred}_{${k}}`)) return `${preferred}_{${k}}`;
  }

  /**
   * Walks back from a tensor output through dense/MLP/linear nodes to the variable they
   * read (data x, samples z, or the loss's latent) and names the network on the way.
   */
  tensor(start: GraphNode | undefined, port: string, preferred: string, what: string): TensorRef | undefined {
    if (!start) return undefined;
    const layers: Layer[] = [];
    const nodeIds: string[] = [];
    const layerCounts: number[] = [];
    const seen = new Set<string>();
    let cur: GraphNode | undefined = start;
    let curPort = port;
    let origin: Origin = 'none';
    for (;;) {
      if (!cur) break;
      const key = `${cur.id}.${curPort}`;
      if (key === this.latentKey) {
        origin = 'latent';
        break;
      }
      if (cur.kind === 'data') {
        origin = 'x';
        break;
      }
      if (cur.kind === 'sampler') {
        origin = this.params(cur).mode === 'mean' ? 'zhat' : 'z';
        break;
      }
      if (!NETWORK_KINDS.has(cur.kind) || seen.has(cur.id)) break;
      seen.add(cur.id);
      const own = this.layersOf(cur);
      // Collected from the end backwards and reversed once below (unshift is quadratic on long chains).
      nodeIds.push(cur.id);
      layerCounts.push(own.length);
      for (let i = own.length - 1; i >= 0; i--) layers.push(own[i]);
      const e = incoming(this.doc, cur.id, 'in');
      if (!e) {
        cur = undefined;
        break;
      }
      cur = nodeById(this.doc, e.source);
      curPort = e.sourcePort;
    }
    nodeIds.reverse();
    layerCounts.reverse();
    layers.reverse();
    if (origin === 'none') this.problem(`Connect the input of ${what}.`);
    if (layers.length === 0) return { origin };
    const key = `${start.id}.${port}`;
    const known = this.nets.get(key);
    if (known) return { name: known.name, origin };
    const name = this.uniqueName(preferred);
    this.names.add(name);
    const inDim = cur ? this.dim(cur.id, curPort) : undefined;
    this.nets.set(key, { name, nodeIds, layerCounts, tex: this.netTex(name, origin, inDim, layers, nodeIds) });
    return { name, origin };
  }

  private netTex(name: string, origin: Origin, inDim: number | undefined, layers: Layer[], nodeIds: string[]): string {
    const affine = layers.length === 1 && !layers[0].act;
    if (affine) {
      const arg = this.originTex(origin);
      const W = name === 'f' ? 'W' : `W_{${name}}`;
      const b = name === 'f' ? 'b' : `b_{${name}}`;
      const single = nodeIds.length === 1 && layers[0].bias;
      return `${name}(${arg}) = ${W} ${arg}${single ? ` + ${b}` : ''},\\ ${W} \\in \\mathbb{R}^{${texNumber(layers[0].units)} \\times ${texNumber(inDim)}}`;
    }
    return `${name}\\colon ${texNumber(inDim)} ${layerSteps(layers)}`;
  }

  /** The networks met so far, with a note on the layers two of them share. */
  netLines(): string[] {
    const defs = [...this.nets.values()];
    const lines = defs.map((d) => d.tex);
    for (let i = 0; i < defs.length; i++) {
      for (let k = i + 1; k < defs.length; k++) {
        const a = defs[i].nodeIds;
        const b = defs[k].nodeIds;
        let n = 0;
        while (n < a.length && n < b.length && a[n] === b[n]) n++;
        const shared = defs[i].layerCounts.slice(0, n).reduce((s, c) => s + c, 0);
        if (n > 0) lines.push(`\\text{(}${defs[i].name}, ${defs[k].name}\\text{ share their first ${shared === 1 ? 'layer' : `${shared} layers`})}`);
      }
    }
    return lines;
  }

  /** "σ = 1" or "σ learned (init 1)". */
  scaleTex(p: Record<string, unknown>, sym: string): string {
    return p.scaleMode === 'learned' ? `${sym}\\ \\text{learned (init } ${texNumber(p.scale)}\\text{)}` : `${sym} = ${texNumber(p.scale)}`;
  }

  /** One distribution's definition: p(x|z) = …, p(z) = …, q(z|x) = …. */
  distDef(node: GraphNode | undefined, role: 'likelihood' | 'prior' | 'proposal'): string {
    const lhs = { likelihood: `p(x \\mid ${this.latentSymbol})`, prior: 'p(z)', proposal: 'q(z \\mid x)' }[role];
    const v = role === 'likelihood' ? 'x' : 'z';
    const what = { likelihood: 'the likelihood', prior: 'the prior', proposal: 'the proposal' }[role];
    if (!node) return `${lhs} = ${MISSING_TEX}`;
    const p = this.params(node);
    if (node.kind === 'gaussian') {
      const meanNode = sourceOf(this.doc, node.id, 'mean');
      const lvNode = sourceOf(this.doc, node.id, 'logvar');
      const mean = meanNode ? this.tensor(meanNode, incoming(this.doc, node.id, 'mean')!.sourcePort, role === 'proposal' ? 'g' : role === 'likelihood' ? 'f' : 'm', `the mean of ${what}`) : undefined;
      const lv = lvNode ? this.tensor(lvNode, incoming(this.doc, node.id, 'logvar')!.sourcePort, role === 'proposal' ? 'v' : role === 'likelihood' ? 'h' : 'u', `the log-variance of ${what}`) : undefined;
      const dim = this.dim(node.id, 'dist') ?? (meanNode ? undefined : (p.dim as number));
      const sym = role === 'prior' ? '\\nu' : role === 'likelihood' ? '\\sigma' : 's';
      const cov = lv ? `\\operatorname{diag} e^{${this.call(lv)}}` : `${sym}^2 I_{${texNumber(dim)}}`;
      return `${lhs} = \\mathcal{N}\\big(${v} \\mid ${mean ? this.call(mean) : '0'},\\, ${cov}\\big)${lv ? '' : `,\\ ${this.scaleTex(p, sym)}`}`;
    }
    if (node.kind === 'bernoulli') {
      const e = incoming(this.doc, node.id, 'logits');
      const logits = e ? this.tensor(nodeById(this.doc, e.source), e.sourcePort, role === 'likelihood' ? 'f' : 'g', `the logits of ${what}`) : undefined;
      if (!e) this.problem(`Connect the logits of ${what}.`);
      const dim = this.dim(node.id, 'dist');
      const l = this.component(logits, 'i');
      return `\\log ${lhs} = \\textstyle\\sum_{i=1}^{${texNumber(dim)}} \\big[${v}_i\\, ${l} - \\operatorname{softplus}(${l})\\big]`;
    }
    this.problem(`${what[0].toUpperCase()}${what.slice(1)} must be a distribution (Gaussian or Bernoulli).`);
    return `${lhs} = ${MISSING_TEX}`;
  }

  /** How the latent is drawn (or computed), indexed per example n and sample j. */
  samplingDef(zNode: GraphNode | undefined, zPort: string | undefined, J: number, priorId: string | undefined): string | undefined {
    if (!zNode) return undefined;
    if (zNode.kind !== 'sampler') {
      // A deterministic encoder read as the latent: the autoencoder's point estimate.
      const ref = this.tensorFromLatent(zNode, zPort ?? 'out');
      return `\\hat z_n = ${this.call(ref, 'n')}`;
    }
    const p = this.params(zNode);
    const dist = sourceOf(this.doc, zNode.id, 'dist');
    const d = this.dim(zNode.id, 'z');
    if (!dist) {
      this.problem('Connect the distribution the sampler draws from.');
      return `z_n \\sim ${MISSING_TEX}`;
    }
    if (p.mode === 'mean') {
      const meanNode = dist.kind === 'gaussian' ? sourceOf(this.doc, dist.id, 'mean') : undefined;
      const mean = meanNode ? this.tensor(meanNode, incoming(this.doc, dist.id, 'mean')!.sourcePort, 'g', 'the mean') : undefined;
      return `\\hat z_n = ${mean ? this.call(mean, 'n') : '0'}\\ \\text{(the mean, no sampling)}`;
    }
    const z = `z_{${J_INDEX(J)}}`;
    const eps = `\\varepsilon_{${J_INDEX(J)}}`;
    const js = J > 1 ? `,\\ j = 1, \\dots, ${texNumber(J)}` : '';
    if (dist.id === priorId) return `${z} \\sim p(z)${js}`;
    if (dist.kind !== 'gaussian') return `${z} \\sim \\mathrm{Bernoulli}${js}`;
    const meanEdge = incoming(this.doc, dist.id, 'mean');
    const lvEdge = incoming(this.doc, dist.id, 'logvar');
    const mean = meanEdge ? this.tensor(nodeById(this.doc, meanEdge.source), meanEdge.sourcePort, 'g', 'the mean') : undefined;
    const lv = lvEdge ? this.tensor(nodeById(this.doc, lvEdge.source), lvEdge.sourcePort, 'v', 'the log-variance') : undefined;
    const dp = this.params(dist);
    const scale = lv ? `e^{\\frac12 ${this.call(lv, 'n')}} \\odot ` : dp.scaleMode === 'learned' ? 's\\, ' : `${texNumber(dp.scale)}\\, `;
    return `${z} = ${mean ? `${this.call(mean, 'n')} + ` : ''}${scale}${eps},\\ ${eps} \\sim \\mathcal{N}(0, I_{${texNumber(d)}})${js}`;
  }

  /** The point-estimate encoder itself (the walk must not stop at its own output). */
  private tensorFromLatent(node: GraphNode, port: string): TensorRef | undefined {
    const saved = this.latentKey;
    this.latentKey = undefined;
    try {
      return this.tensor(node, port, 'g', 'the encoder');
    } finally {
      this.latentKey = saved;
    }
  }

  dataLine(xNode: GraphNode | undefined): string {
    const data = xNode?.kind === 'data' ? xNode : this.doc.nodes.find((n) => n.kind === 'data');
    const B = `B = ${texNumber(this.doc.training.batchSize)}`;
    if (!data) return `x_n \\in \\mathbb{R}^{${MISSING_TEX}},\\ ${B}`;
    const p = this.params(data);
    const src = p.source === 'mnist' ? '\\text{ (MNIST)}' : p.source === 'csv' ? '\\text{ (CSV)}' : `\\text{ (synthetic, } N = ${texNumber(p.n)}\\text{)}`;
    return `x_n \\in \\mathbb{R}^{${texNumber(this.analysis.dataDim)}}${src},\\ ${B}`;
  }
}

/** The node feeding one of the loss's ports, with a sentence when it is not connected. */
function lossInput(b: FormulaBuilder, loss: GraphNode, port: string): GraphNode | undefined {
  const n = sourceOf(b.doc, loss.id, port);
  if (!n) {
    const label = getSpec(loss.kind)?.inputs.find((p) => p.name === port)?.label ?? port;
    b.problem(`Connect ${label} to the loss.`);
  }
  return n;
}

function assemble(head: string, lines: string[]): string {
  const defs = lines.filter((l) => l.length > 0);
  const rows = [`\\mathcal{L} &= ${head}`, ...defs.map((l, i) => `${i === 0 ? '\\text{where}\\quad' : ''} & ${l}`)];
  return `\\begin{aligned}\n${rows.join(' \\\\\n')}\n\\end{aligned}`;
}

const MEAN_OVER_BATCH = '\\frac{1}{B}\\sum_{n=1}^{B}';
/** Linear chains up to this long have their composite W and b written out in full. */
const CHAIN_SPELLED_OUT = 4;

/** Pairs short definitions two to a line so the formula stays wide rather than tall. */
function pairUp(items: (string | undefined)[]): string[] {
  const xs = items.filter((s): s is string => !!s);
  const out: string[] = [];
  for (let i = 0; i < xs.length; i += 2) out.push(xs.slice(i, i + 2).join(',\\qquad '));
  return out;
}

function exactNllFormula(b: FormulaBuilder, loss: GraphNode): string {
  const x = lossInput(b, loss, 'x');
  const lik = lossInput(b, loss, 'likelihood');
  const prior = lossInput(b, loss, 'prior');
  const data = b.dataLine(x);
  const d = b.analysis.dataDim ?? (lik ? b.dim(lik.id, 'dist') : undefined);
  const q = prior ? (b.dim(prior.id, 'dist') ?? (b.params(prior).dim as number)) : undefined;

  // The chain prior → sampler → linear… → Gaussian likelihood, as the loss itself checks it.
  let chain: GraphNode[] | undefined;
  let reason: string | undefined;
  if (lik && prior) {
    const ids: GraphNode[] = [];
    let cur = lik.kind === 'gaussian' ? sourceOf(b.doc, lik.id, 'mean') : undefined;
    const seen = new Set<GraphNode>();
    while (cur && cur.kind === 'linear' && !seen.has(cur)) {
      seen.add(cur);
      ids.push(cur);
      cur = sourceOf(b.doc, cur.id, 'in');
    }
    ids.reverse(); // walked from the likelihood back; the chain reads from the sampler
    const sampled = cur?.kind === 'sampler' ? sourceOf(b.doc, cur.id, 'dist') : undefined;
    if (lik.kind !== 'gaussian' || sourceOf(b.doc, lik.id, 'logvar')) reason = 'The exact marginal needs a Gaussian likelihood N(Wz + b, σ²I) (with a single σ).';
    else if (prior.kind !== 'gaussian' || sourceOf(b.doc, prior.id, 'mean')) reason = 'The exact marginal needs a prior N(0, ν²I) with no inputs.';
    else if (ids.length === 0) reason = 'The exact marginal needs a linear decoder between the sampler and the likelihood mean.';
    else if (sampled?.id !== prior.id) reason = 'The linear decoder must read samples of the prior wired into the loss.';
    else chain = ids;
  }
  if (!chain) {
    if (reason) b.problem(reason);
    const head = `${MEAN_OVER_BATCH} -\\log \\int p(x_n \\mid z)\\, p(z)\\, dz`;
    return assemble(head, [...pairUp([b.distDef(lik, 'likelihood'), b.distDef(prior, 'prior')]), data]);
  }

  const lp = b.params(lik!);
  const pp = b.params(prior!);
  const L = chain.length;
  const biases = chain.map((n) => b.params(n).bias !== false);
  const W = 'W';
  let bias = biases[0] ? 'b' : '';
  const composite: string[] = [];
  if (L > CHAIN_SPELLED_OUT) {
    // Spelled out, the bias terms of a long chain grow with the square of its length (a
    // 2,000-layer chain made 17 million characters): write the product and the sum.
    const some = biases.filter(Boolean).length;
    composite.push(`W = W_{${L}} W_{${L - 1}} \\cdots W_{1}`);
    bias = some ? 'b' : '';
    if (some) composite.push(`b = \\textstyle\\sum_{i${some < L ? '\\,\\in\\,\\text{layers with a bias}' : `=1}^{${L}`}} W_{${L}} \\cdots W_{i+1}\\, b_i`);
  } else if (L > 1) {
    const Ws = (from: number) => chain!.slice(from).map((_, k) => `W_{${L - k}}`).join(' ');
    const terms = biases.map((has, i) => (has ? `${i + 1 < L ? `${Ws(i + 1)} ` : ''}b_{${i + 1}}` : '')).filter(Boolean);
    composite.push(`W = ${Ws(0)}`);
    bias = terms.length ? 'b' : '';
    if (terms.length) composite.push(`b = ${terms.join(' + ')}`);
  }
  const r = bias ? '(x_n - b)' : 'x_n';
  const head = `${MEAN_OVER_BATCH} \\underbrace{\\tfrac12\\Big[${r}^\\top K^{-1} ${r} + \\log\\det K + d \\log 2\\pi\\Big]}_{-\\log \\mathcal{N}(x_n \\mid ${bias ? 'b' : '0'},\\, K)}`;
  return assemble(head, [
    `K = \\nu^2 ${W} ${W}^\\top + \\sigma^2 I_{${texNumber(d)}},\\quad ${W} \\in \\mathbb{R}^{${texNumber(d)} \\times ${texNumber(q)}}${bias ? `,\\ b \\in \\mathbb{R}^{${texNumber(d)}}` : ''}${composite.length ? `,\\quad ${composite.join(',\\ ')}` : ''}`,
    `x = ${W} z${bias ? ' + b' : ''} + \\xi,\\quad z \\sim \\mathcal{N}(0, \\nu^2 I_{${texNumber(q)}}),\\ \\xi \\sim \\mathcal{N}(0, \\sigma^2 I_{${texNumber(d)}})`,
    `${b.scaleTex(pp, '\\nu')},\\quad ${b.scaleTex(lp, '\\sigma')},\\quad d = ${texNumber(d)},\\ q = ${texNumber(q)}\\quad \\text{(Woodbury: } ${texNumber(q)} \\times ${texNumber(q)} \\text{ solves)}`,
    data,
  ]);
}

function latentFormula(b: FormulaBuilder, loss: GraphNode): string {
  const x = lossInput(b, loss, 'x');
  const lik = lossInput(b, loss, 'likelihood');
  const hasPort = (p: string) => !!getSpec(loss.kind)?.inputs.some((i) => i.name === p);
  const zEdge = hasPort('z') ? incoming(b.doc, loss.id, 'z') : undefined;
  if (hasPort('z') && !zEdge) lossInput(b, loss, 'z');
  const zNode = zEdge ? nodeById(b.doc, zEdge.source) : upstreamSampler(b.doc, lik);
  const zPort = zEdge?.sourcePort ?? 'z';
  let prior = hasPort('prior') ? lossInput(b, loss, 'prior') : undefined;
  if (!hasPort('prior')) {
    prior = zNode?.kind === 'sampler' ? sourceOf(b.doc, zNode.id, 'dist') : undefined;
    if (!zNode) b.problem('The likelihood must be computed from samples z: put a Sampler between the prior and the decoder.');
  }
  const proposal = hasPort('proposal') ? lossInput(b, loss, 'proposal') : undefined;

  const sp = zNode?.kind === 'sampler' ? b.params(zNode) : undefined;
  const pointEstimate = !!zNode && (zNode.kind !== 'sampler' || sp?.mode === 'mean');
  const J = sp && sp.mode !== 'mean' && typeof sp.samples === 'number' ? sp.samples : 1;
  if (zNode) b.latentKey = `${zNode.id}.${zPort}`;
  b.latentSymbol = pointEstimate ? '\\hat z' : 'z';

  const likDef = b.distDef(lik, 'likelihood');
  const priorDef = b.distDef(prior, 'prior');
  const propDef = hasPort('proposal') ? b.distDef(proposal, 'proposal') : undefined;
  const sampling = b.samplingDef(zNode, zPort, J, prior?.id);

  const zs = pointEstimate ? '\\hat z_n' : `z_{${J_INDEX(J)}}`;
  const avg = (body: string) => (J > 1 ? `\\frac{1}{${texNumber(J)}}\\sum_{j=1}^{${texNumber(J)}} ${body}` : body);
  let main: string;
  switch (loss.kind) {
    case 'elboLoss': {
      const analytic = b.params(loss).kl !== 'mc';
      const recon = `\\underbrace{-${avg(`\\log p(x_n \\mid ${zs})`)}}_{\\text{reconstruction}}`;
      const kl = analytic
        ? `\\underbrace{\\mathrm{KL}\\big(q(z \\mid x_n)\\,\\big\\|\\,p(z)\\big)}_{\\text{KL, analytic}}`
        : `\\underbrace{${avg(`\\log \\frac{q(${zs} \\mid x_n)}{p(${zs})}`)}}_{\\text{KL, Monte Carlo}}`;
      main = `${MEAN_OVER_BATCH} \\Big[${recon} + ${kl}\\Big]`;
      break;
    }
    case 'iwaeLoss': {
      const w = `\\frac{p(x_n \\mid ${zs})\\, p(${zs})}{q(${zs} \\mid x_n)}`;
      const body = J > 1 ? `-\\log \\frac{1}{${texNumber(J)}} \\sum_{j=1}^{${texNumber(J)}} ${w}` : `-\\log ${w}`;
      const label = J > 1 ? `\\text{log-mean-exp of } ${texNumber(J)} \\text{ importance weights}` : '\\text{one importance weight: the ELBO}';
      main = `${MEAN_OVER_BATCH} \\underbrace{${body}}_{${label}}`;
      break;
    }
    case 'mcPriorLoss': {
      const body = J > 1 ? `-\\log \\frac{1}{${texNumber(J)}} \\sum_{j=1}^{${texNumber(J)}} p(x_n \\mid ${zs})` : `-\\log p(x_n \\mid ${zs})`;
      main = `${MEAN_OVER_BATCH} \\underbrace{${body}}_{${zNode && !pointEstimate ? '\\text{samples from the prior}' : '\\text{needs samples } z \\sim p(z)'}}`;
      break;
    }
    default: {
      // autoencoderLoss: the point estimate.
      main = `${MEAN_OVER_BATCH} \\Big[\\underbrace{-\\log p(x_n \\mid ${zs})}_{\\text{reconstruction}} \\underbrace{- \\log p(${zs})}_{\\text{keeps } ${b.latentSymbol} \\text{ near } 0}\\Big]`;
    }
  }
  const nets = b.netLines();
  return assemble(main, [...pairUp([likDef, priorDef, propDef, sampling]), ...pairUp(nets), b.dataLine(x)]);
}

const FORMULAS: Record<string, (b: FormulaBuilder, loss: GraphNode) => string> = {
  exactNll: exactNllFormula,
  elboLoss: latentFormula,
  iwaeLoss: latentFormula,
  mcPriorLoss: latentFormula,
  autoencoderLoss: latentFormula,
};

/** The training objective of the graph as one formula, and what is missing from it. */
export function objectiveFormula(doc: GraphDoc, analysis: Analysis = analyzeGraph(doc)): ObjectiveFormula {
  const b = new FormulaBuilder(doc, analysis);
  const losses = doc.nodes.filter((n) => getSpec(n.kind)?.family === 'loss');
  const loss = losses[0];
  if (!loss) {
    b.problem('Add a loss node: training needs an objective.');
    return { tex: `\\mathcal{L} = ${MISSING_TEX}`, problems: b.problems };
  }
  if (losses.length > 1) b.problem('Only the first loss is shown: a graph trains one objective.');
  const build = FORMULAS[loss.kind];
  if (!build) {
    b.problem(`No formula is known for a "${loss.kind}" loss.`);
    return { tex: `\\mathcal{L} = ${MISSING_TEX}`, problems: b.problems };
  }
  return { tex: build(b, loss), problems: b.problems };
}
