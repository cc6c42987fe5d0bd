// The graph's whole training objective as ONE TeX formula, read from the actual wiring and
// params: the estimator's per-example loss averaged over the batch, then the distributions,
// the sampling and the networks it is made of, with their real sizes. Pure (no React, no
// tfjs): a function of the document, so the editor recomputes it on every edit. An
// incomplete graph gives a partial formula (a red "?" where something is missing) and the
// sentences that say what to connect; it never throws.
//
// Only numbers from validated params and fixed TeX go into the formula — never a label or
// any other text from the file — so a graph cannot smuggle TeX commands into it.
//
// Each kind writes its own piece through its spec (src/nodes/<kind>/): an estimator its loss
// term (or, for the exact NLL, the whole formula), a distribution its definition, a layer
// node its arrows, the data node its source; this file walks the graph and stitches them.
import { dimOf } from '../nodes/types';
import { upstreamSampler } from '../nodes/lossStructure';
import type { GraphDoc, GraphNode } from '../graph/document';
import { incoming, nodeById, sourceOf } from '../graph/queries';
import { dataSourceOf, distributionOf, estimatorOf, getSpec, isDataSource, isLayer, layerOf, samplerOf } from '../nodes/registry';
import { assemble, MISSING_TEX, pairUp, texNumber, type DistRole, type EstimatorTexArgs, type FormulaContext, type LatentParts, type LatentUse, type Origin, type TensorRef, type TexLayer } from '../nodes/tex';
import { analyzeGraph, type Analysis } from './analyze';
import { objectivesOf } from './objectiveScope';
import { flattenBlocks } from '../graph/blocks/flatten';

// The TeX helpers live with the kinds that use them (src/nodes/tex.ts); re-exported for the editor and tests.
export { activationTex, MISSING_TEX, texNumber } from '../nodes/tex';

export interface ObjectiveFormula {
  tex: string;
  problems: string[];
}

type Layer = TexLayer;

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

interface NetDef {
  name: string;
  nodeIds: string[];
  /** Layers contributed by each node of nodeIds. */
  layerCounts: number[];
  tex: string;
}

const J_INDEX = (J: number) => (J > 1 ? 'n,j' : 'n');

class FormulaBuilder implements FormulaContext {
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

  get dataDim(): number | undefined {
    return this.analysis.dataDim;
  }

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
    return dimOf(s);
  }

  units(u: unknown): number | undefined {
    if (u === 'data') return this.analysis.dataDim;
    return typeof u === 'number' ? u : undefined;
  }

  /** A layer node's layers, as its kind writes them. */
  layersOf(node: GraphNode): Layer[] {
    return layerOf(node.kind)?.texLayers(this.params(node), (u) => this.units(u)) ?? [];
  }

  /** The node feeding one of the loss's ports, with a sentence when it is not connected. */
  lossInput(loss: GraphNode, port: string): GraphNode | undefined {
    const n = sourceOf(this.doc, loss.id, port);
    if (!n) {
      const label = getSpec(loss.kind)?.inputs.find((p) => p.name === port)?.label ?? port;
      this.problem(`Connect ${label} to the loss.`);
    }
    return n;
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
      if (isDataSource(cur.kind)) {
        origin = 'x';
        break;
      }
      const sampler = samplerOf(cur.kind);
      if (sampler) {
        origin = sampler.pointEstimate(this.params(cur)) ? 'zhat' : 'z';
        break;
      }
      if (!isLayer(cur.kind) || seen.has(cur.id)) break;
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
  distDef(node: GraphNode | undefined, role: DistRole): string {
    const lhs = { likelihood: `p(x \\mid ${this.latentSymbol})`, prior: 'p(z)', proposal: 'q(z \\mid x)' }[role];
    const v = role === 'likelihood' ? 'x' : 'z';
    const what = { likelihood: 'the likelihood', prior: 'the prior', proposal: 'the proposal' }[role];
    if (!node) return `${lhs} = ${MISSING_TEX}`;
    const dist = distributionOf(node.kind);
    if (dist) return dist.tex(this, { node, role, lhs, v, what });
    this.problem(`${what[0].toUpperCase()}${what.slice(1)} must be a distribution (Gaussian or Bernoulli).`);
    return `${lhs} = ${MISSING_TEX}`;
  }

  /** How the latent is drawn (or computed), indexed per example n and sample j. */
  samplingDef(zNode: GraphNode | undefined, zPort: string | undefined, J: number, priorId: string | undefined): string | undefined {
    if (!zNode) return undefined;
    const sampler = samplerOf(zNode.kind);
    if (!sampler) {
      // A deterministic encoder read as the latent: the autoencoder's point estimate.
      const ref = this.tensorFromLatent(zNode, zPort ?? 'out');
      return `\\hat z_n = ${this.call(ref, 'n')}`;
    }
    const p = this.params(zNode);
    const dist = sourceOf(this.doc, zNode.id, sampler.distPort);
    const d = this.dim(zNode.id, 'z');
    if (!dist) {
      this.problem('Connect the distribution the sampler draws from.');
      return `z_n \\sim ${MISSING_TEX}`;
    }
    const gaussian = distributionOf(dist.kind)?.family === 'gaussian';
    if (sampler.pointEstimate(p)) {
      const meanNode = gaussian ? sourceOf(this.doc, dist.id, 'mean') : undefined;
      const mean = meanNode ? this.tensor(meanNode, incoming(this.doc, dist.id, 'mean')!.sourcePort, 'g', 'the mean') : undefined;
      return `\\hat z_n = ${mean ? this.call(mean, 'n') : '0'}\\ \\text{(the mean, no sampling)}`;
    }
    const z = `z_{${J_INDEX(J)}}`;
    const eps = `\\varepsilon_{${J_INDEX(J)}}`;
    const js = J > 1 ? `,\\ j = 1, \\dots, ${texNumber(J)}` : '';
    if (dist.id === priorId) return `${z} \\sim p(z)${js}`;
    if (!gaussian) return `${z} \\sim \\mathrm{Bernoulli}${js}`;
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

  useLatent(zNode: GraphNode | undefined, zPort: string): LatentUse {
    const sampler = samplerOf(zNode?.kind);
    const sp = zNode && sampler ? this.params(zNode) : undefined;
    const spPoint = !!sp && sampler!.pointEstimate(sp);
    const pointEstimate = !!zNode && (!sampler || spPoint);
    const J = sp && !spPoint && typeof sp.samples === 'number' ? sampler!.samples(sp) : 1;
    if (zNode) this.latentKey = `${zNode.id}.${zPort}`;
    this.latentSymbol = pointEstimate ? '\\hat z' : 'z';
    return { J, zs: pointEstimate ? '\\hat z_n' : `z_{${J_INDEX(J)}}`, sampled: !!zNode && !pointEstimate };
  }

  latentLines(parts: LatentParts, extra: string[] = []): string[] {
    // The definitions first: they name the networks that netLines then lists.
    const likDef = this.distDef(parts.likelihood, 'likelihood');
    const priorDef = this.distDef(parts.prior, 'prior');
    const propDef = parts.withProposal ? this.distDef(parts.proposal, 'proposal') : undefined;
    const sampling = this.samplingDef(parts.zNode, parts.zPort, parts.J, parts.prior?.id);
    return [...pairUp([likDef, priorDef, propDef, sampling]), ...extra, ...pairUp(this.netLines()), this.dataLine(parts.x)];
  }

  dataLine(xNode: GraphNode | undefined): string {
    const data = isDataSource(xNode?.kind) ? xNode : this.doc.nodes.find((n) => isDataSource(n.kind));
    const B = `B = ${texNumber(this.doc.training.batchSize)}`;
    if (!data) return `x_n \\in \\mathbb{R}^{${MISSING_TEX}},\\ ${B}`;
    const p = this.params(data);
    const src = dataSourceOf(data.kind)!.texSource(p);
    return `x_n \\in \\mathbb{R}^{${texNumber(this.analysis.dataDim)}}${src},\\ ${B}`;
  }
}

/** The formula of an estimator over a latent z: its term, then the distributions, sampling and networks. */
function latentFormula(b: FormulaBuilder, loss: GraphNode, term: (args: EstimatorTexArgs) => string): string {
  const x = b.lossInput(loss, 'x');
  const lik = b.lossInput(loss, 'likelihood');
  const hasPort = (p: string) => !!getSpec(loss.kind)?.inputs.some((i) => i.name === p);
  const zEdge = hasPort('z') ? incoming(b.doc, loss.id, 'z') : undefined;
  if (hasPort('z') && !zEdge) b.lossInput(loss, 'z');
  const zNode = zEdge ? nodeById(b.doc, zEdge.source) : upstreamSampler(b.doc, lik);
  const zPort = zEdge?.sourcePort ?? 'z';
  let prior = hasPort('prior') ? b.lossInput(loss, 'prior') : undefined;
  if (!hasPort('prior')) {
    const zSampler = samplerOf(zNode?.kind);
    prior = zNode && zSampler ? sourceOf(b.doc, zNode.id, zSampler.distPort) : undefined;
    if (!zNode) b.problem('The likelihood must be computed from samples z: put a Sampler between the prior and the decoder.');
  }
  const withProposal = hasPort('proposal');
  const proposal = withProposal ? b.lossInput(loss, 'proposal') : undefined;

  const { J, zs, sampled } = b.useLatent(zNode, zPort);
  const lines = b.latentLines({ x, likelihood: lik, prior, proposal, withProposal, zNode, zPort, J });
  const avg = (body: string) => (J > 1 ? `\\frac{1}{${texNumber(J)}}\\sum_{j=1}^{${texNumber(J)}} ${body}` : body);
  const main = term({ params: b.params(loss), J, zs, latentSymbol: b.latentSymbol, sampled, avg });
  return assemble(main, lines);
}

/** The training objective of the graph as one formula, and what is missing from it. */
export function objectiveFormula(doc: GraphDoc, analysis: Analysis = analyzeGraph(doc)): ObjectiveFormula {
  // The analysis is of the flattened graph (blocks expanded): the formula reads the same nodes.
  doc = flattenBlocks(doc).doc;
  const b = new FormulaBuilder(doc, analysis);
  const { all: losses, reported } = objectivesOf(doc);
  const loss = reported[0] ?? losses[0];
  if (!loss) {
    b.problem('Add a loss node: training needs an objective.');
    return { tex: `\\mathcal{L} = ${MISSING_TEX}`, problems: b.problems };
  }
  const est = estimatorOf(loss.kind);
  // Objectives built from parts are written together, each with its scope (composedTex.ts).
  if (losses.length > 1 && !est?.composed) b.problem('Only the reported loss is shown: the formula writes one built-in estimator at a time.');
  const tex = est?.tex;
  if (!tex) {
    b.problem(`No formula is known for a "${loss.kind}" loss.`);
    return { tex: `\\mathcal{L} = ${MISSING_TEX}`, problems: b.problems };
  }
  return { tex: 'formula' in tex ? tex.formula(b, loss) : latentFormula(b, loss, tex.term), problems: b.problems };
}
