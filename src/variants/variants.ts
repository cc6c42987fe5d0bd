// One-click variants of a graph for comparing estimators: another loss over the same
// wiring, another number of samples J, the KL analytic or Monte Carlo; for an objective built
// from parts, its parts' settings: J, the reduction over samples, the KL mode and the β on
// the KL. Each variant is a modified copy of the document, offered only when analyzeGraph
// finds no error in it.
import type { GraphDoc, GraphEdge, GraphNode } from '../graph/document';
import { analyzeGraph } from '../compiler/analyze';
import { objectivesOf } from '../compiler/objectiveScope';
import { incoming, sourceOf, upstream } from '../graph/queries';
import { densityOf, estimatorOf, getSpec, isSampler, klOf, reductionOf, samplerOf, specsWith, sumOf } from '../nodes/registry';
import { latentOfObjectives, throughPassThrough, type LatentStructure } from '../nodes/lossStructure';
import { estimatorName, latentSampler, lossNodeOf } from '../panels/runs/estimatorName';

export interface Variant {
  /** Stable key for the menu and its test id ("loss-iwaeLoss", "J-5", "kl-mc"). */
  key: string;
  /** What the menu says. */
  label: string;
  /** The run's name ("IWAE, J=5"). */
  name: string;
  doc: GraphDoc;
}

/**
 * The estimators a loss node can be swapped to, in the order of the lecture: every kind that
 * declares an estimator (src/nodes/<kind>/estimator.ts says its place, J and rewiring). An
 * objective built from parts is not one: its meaning is its parts, which a swap would not make.
 */
export const ESTIMATOR_KINDS: readonly string[] = specsWith('estimator')
  .filter((s) => !s.estimator.composed)
  .sort((a, b) => a.estimator.order - b.estimator.order)
  .map((s) => s.kind);
export const SAMPLE_COUNTS = [1, 5, 10, 50] as const;

const clone = (doc: GraphDoc): GraphDoc => structuredClone(doc);
const compiles = (doc: GraphDoc): boolean => analyzeGraph(doc).errors.length === 0;
const setParams = (doc: GraphDoc, id: string, patch: Record<string, unknown>) => {
  const n = doc.nodes.find((m) => m.id === id)!;
  n.params = { ...n.params, ...patch };
};

/** Points the sampler at `dist` instead of whatever it sampled from before. */
function resample(doc: GraphDoc, sampler: GraphNode, dist: GraphNode) {
  const kept = doc.edges.filter((e) => !(e.target === sampler.id && e.targetPort === 'dist'));
  const edge: GraphEdge = { id: `${dist.id}.dist-${sampler.id}.dist`, source: dist.id, sourcePort: 'dist', target: sampler.id, targetPort: 'dist' };
  while (kept.some((e) => e.id === edge.id)) edge.id += "'";
  doc.edges = [...kept, edge];
}

/** The graph with its loss swapped to `kind`, rewired as little as the new estimator needs. */
export function swapEstimator(doc: GraphDoc, kind: string): GraphDoc | undefined {
  const spec = getSpec(kind);
  const loss = lossNodeOf(doc);
  const est = spec?.estimator;
  if (!spec || !est || !loss || loss.kind === kind) return undefined;
  const prior = sourceOf(doc, loss.id, 'prior');
  const sampler = latentSampler(doc, loss);
  const hadEncoder = sourceOf(doc, loss.id, 'proposal') !== undefined || (sampler === undefined && sourceOf(doc, loss.id, 'z') !== undefined);
  // A point estimate needs something that looks at x; sampling the prior's mean would train a constant.
  if (est.pointEstimate && !hadEncoder) return undefined;

  const out = clone(doc);
  const node = out.nodes.find((n) => n.id === loss.id)!;
  node.kind = kind;
  node.params = { ...spec.defaults };
  const ports = new Set(spec.inputs.map((p) => p.name));
  out.edges = out.edges.filter((e) => e.target !== loss.id || ports.has(e.targetPort));
  if (sampler) {
    if (est.fromPrior && prior && sourceOf(doc, sampler.id, 'dist')?.id !== prior.id) resample(out, sampler, prior);
    setParams(out, sampler.id, { mode: est.pointEstimate ? 'mean' : 'reparam' });
    if (est.swapInSamples && (sampler.params.samples ?? 1) === 1) setParams(out, sampler.id, { samples: est.swapInSamples });
  }
  return out;
}

function named(key: string, label: string, doc: GraphDoc | undefined): Variant[] {
  return doc && compiles(doc) ? [{ key, label, name: estimatorName(doc), doc }] : [];
}

/** The loss whose estimate runs report: with several objectives, the one marked reported. */
function reportedLoss(doc: GraphDoc): GraphNode | undefined {
  return objectivesOf(doc).reported[0] ?? lossNodeOf(doc);
}

function composedLatent(doc: GraphDoc, loss: GraphNode): LatentStructure | undefined {
  const r = latentOfObjectives(doc, loss, objectivesOf(doc).all.map((n) => n.id));
  return r.ok ? r.latent : undefined;
}

/** The sampler of a composed objective's z, read off its parts. */
function composedSampler(doc: GraphDoc, loss: GraphNode): GraphNode | undefined {
  const latent = composedLatent(doc, loss);
  const n = latent && doc.nodes.find((m) => m.id === latent.z.node);
  return isSampler(n?.kind) ? n : undefined;
}

// ---- The parts of a composed objective -------------------------------------------------
// The weighted sum and the reduction are found by their capabilities (`sum`, `reduction`):
// the terms and their coefficients, and the param that chooses the reduction.

/** The reductions the menu swaps between, and what each makes of a sum of log weights. */
const REDUCTIONS = [
  { op: 'mean', label: 'Reduction: mean (ELBO)' },
  { op: 'logMeanExp', label: 'Reduction: log-mean-exp (IWAE)' },
] as const;
/** A reduction's param value for `op` (the capability names them). */
const reductionValue = (n: GraphNode, op: (typeof REDUCTIONS)[number]['op']): string | undefined => reductionOf(n.kind)?.[op];
/** The weights on a KL term the menu offers (β-VAE; β = 1 is the ELBO). */
export const BETAS = [0.5, 1, 2, 4] as const;

type PartVariant = { key: string; label: string; doc: GraphDoc };

const paramOf = (n: GraphNode, key: string): unknown => n.params[key] ?? (getSpec(n.kind)?.defaults as Record<string, unknown> | undefined)?.[key];

/** The param that chooses a part's reduction over samples, if it is such a part. */
const reductionParam = (n: GraphNode): string | undefined => reductionOf(n.kind)?.param;

/** The term inputs a part weighs each by a coefficient (the weighted sum). */
const weightedPorts = (n: GraphNode): string[] => sumOf(n.kind)?.terms.map((t) => t.port) ?? [];

/** The param holding the coefficient of a sum's term input. */
const coefficientKey = (sum: GraphNode, port: string): string => sumOf(sum.kind)!.terms.find((t) => t.port === port)!.coefficient;
const coefficient = (sum: GraphNode, port: string): number => Number(paramOf(sum, coefficientKey(sum, port)));

/** A KL term of a weighted sum: an analytic KL in one slot, or log q(z|x) and log p(z) at z in two with opposite coefficients. */
interface KlTerm {
  sum: GraphNode;
  /** Minus the coefficient: the ELBO is log p(x|z) − β KL. */
  beta: number;
  analytic?: { port: string; kl: GraphNode };
  mc?: { qPort: string; pPort: string };
}

function klTerms(doc: GraphDoc, parts: GraphNode[], latent: LatentStructure): KlTerm[] {
  const out: KlTerm[] = [];
  for (const sum of parts) {
    const ports = weightedPorts(sum);
    const densityAt = (port: string) => {
      const n = sourceOf(doc, sum.id, port);
      const d = densityOf(n?.kind);
      if (!n || !d || throughPassThrough(doc, n.id, d.valuePort)?.node.id !== latent.z.node) return undefined;
      return throughPassThrough(doc, n.id, d.distPort)?.node.id;
    };
    for (const port of ports) {
      const kl = sourceOf(doc, sum.id, port);
      if (kl && klOf(kl.kind)) out.push({ sum, beta: -coefficient(sum, port), analytic: { port, kl } });
    }
    const qPort = latent.proposalId ? ports.find((p) => densityAt(p) === latent.proposalId) : undefined;
    const pPort = ports.find((p) => densityAt(p) === latent.priorId);
    if (qPort && pPort && coefficient(sum, qPort) === -coefficient(sum, pPort)) out.push({ sum, beta: -coefficient(sum, qPort), mc: { qPort, pPort } });
  }
  return out;
}

/** Whether the sum's output is averaged over samples (an ELBO), where a KL and its β mean what they say. */
function reducedByMean(doc: GraphDoc, sum: GraphNode): boolean {
  return doc.edges.some((e) => {
    const r = e.source === sum.id ? doc.nodes.find((n) => n.id === e.target) : undefined;
    const key = r && reductionParam(r);
    return !!key && paramOf(r!, key) === reductionValue(r!, 'mean');
  });
}

function connect(doc: GraphDoc, source: string, sourcePort: string, target: string, targetPort: string) {
  const edge: GraphEdge = { id: `${source}.${sourcePort}-${target}.${targetPort}`, source, sourcePort, target, targetPort };
  while (doc.edges.some((e) => e.id === edge.id)) edge.id += "'";
  doc.edges = [...doc.edges.filter((e) => !(e.target === target && e.targetPort === targetPort)), edge];
}

function disconnect(doc: GraphDoc, target: string, targetPort: string) {
  doc.edges = doc.edges.filter((e) => !(e.target === target && e.targetPort === targetPort));
}

/** A new node of the kind, near `near`, with an id no other node has. */
function addNode(doc: GraphDoc, kind: string, id: string, label: string, near: GraphNode, dy: number): GraphNode {
  while (doc.nodes.some((n) => n.id === id)) id += "'";
  const node: GraphNode = { id, kind, label, params: {}, position: { x: near.position.x, y: near.position.y + dy } };
  doc.nodes.push(node);
  return node;
}

/** Removes the nodes nothing reads any more, with the edges into them. */
function dropUnread(doc: GraphDoc, ids: string[]) {
  for (const id of ids) {
    if (doc.edges.some((e) => e.source === id)) continue;
    doc.nodes = doc.nodes.filter((n) => n.id !== id);
    doc.edges = doc.edges.filter((e) => e.target !== id);
  }
}

const termOut = (kind: string) => getSpec(kind)!.outputs.find((p) => p.kind === 'term')!.name;

/** KL(q‖p) in closed form → log q(z|x) − log p(z) at the same samples z: two log-densities, in its slot and a free one. */
function toMonteCarloKl(doc: GraphDoc, { sum, analytic }: KlTerm, z: LatentStructure['z']): GraphDoc | undefined {
  if (!analytic) return undefined;
  const free = weightedPorts(sum).find((p) => !incoming(doc, sum.id, p));
  const density = specsWith('density')[0];
  const kl = klOf(analytic.kl.kind)!;
  const [q, p] = [incoming(doc, analytic.kl.id, kl.qPort), incoming(doc, analytic.kl.id, kl.pPort)];
  // A warm-up ramps one coefficient; the Monte Carlo KL needs two ramped together.
  const warmed = sumOf(sum.kind)!.warmingUp({ ...getSpec(sum.kind)!.defaults, ...sum.params }) === analytic.port;
  if (!free || !density || !q || !p || warmed) return undefined;
  const out = clone(doc);
  const w = coefficient(sum, analytic.port);
  const logQ = addNode(out, density.kind, `${analytic.kl.id}LogQ`, 'log q(z|x)', analytic.kl, 0);
  const logP = addNode(out, density.kind, `${analytic.kl.id}LogP`, 'log p(z)', analytic.kl, 80);
  for (const [node, from] of [[logQ, q], [logP, p]] as const) {
    connect(out, from.source, from.sourcePort, node.id, density.density.distPort);
    connect(out, z.node, z.port, node.id, density.density.valuePort);
  }
  connect(out, logQ.id, termOut(density.kind), sum.id, analytic.port);
  connect(out, logP.id, termOut(density.kind), sum.id, free);
  setParams(out, sum.id, { [coefficientKey(sum, analytic.port)]: w, [coefficientKey(sum, free)]: -w });
  dropUnread(out, [analytic.kl.id]);
  return out;
}

/** log q(z|x) − log p(z) at the samples → KL(q‖p) in closed form, in log q's slot. */
function toAnalyticKl(doc: GraphDoc, { sum, mc }: KlTerm, latent: LatentStructure): GraphDoc | undefined {
  if (!mc || !latent.proposalId) return undefined;
  const klSpec = specsWith('kl')[0];
  if (!klSpec) return undefined;
  const out = clone(doc);
  const [logQ, logP] = [sourceOf(doc, sum.id, mc.qPort)!, sourceOf(doc, sum.id, mc.pPort)!];
  const kl = addNode(out, klSpec.kind, `${sum.id}Kl`, 'KL(q‖p)', logQ, 40);
  // q itself, not a copy held fixed: the closed form trains the encoder through its parameters.
  connect(out, latent.proposalId, 'dist', kl.id, klSpec.kl.qPort);
  connect(out, latent.priorId, 'dist', kl.id, klSpec.kl.pPort);
  connect(out, kl.id, termOut(klSpec.kind), sum.id, mc.qPort);
  disconnect(out, sum.id, mc.pPort);
  const node = out.nodes.find((n) => n.id === sum.id)!;
  const { [coefficientKey(sum, mc.pPort)]: _dropped, ...rest } = node.params;
  const warmUpOn = sumOf(sum.kind)!.warmUpOnParam;
  node.params = paramOf(sum, warmUpOn) === mc.pPort ? { ...rest, [warmUpOn]: mc.qPort } : rest;
  dropUnread(out, [logQ.id, logP.id]);
  return out;
}

function withBeta(doc: GraphDoc, t: KlTerm, beta: number): GraphDoc {
  const out = clone(doc);
  setParams(out, t.sum.id, t.analytic ? { [coefficientKey(t.sum, t.analytic.port)]: -beta } : { [coefficientKey(t.sum, t.mc!.qPort)]: -beta, [coefficientKey(t.sum, t.mc!.pPort)]: beta });
  return out;
}

/** Every node upstream of the objectives (themselves included). */
const partsOf = upstream;

/**
 * A composed objective's variants from its parts: the other reduction on each reduction
 * (not where the reduced term holds a closed-form KL: log-mean-exp of log p(x|z) − KL is no
 * IWAE), and where a sum holding a KL is averaged over samples (an ELBO) the other KL mode and
 * other β. Keys name the part when there are several.
 */
function partVariants(doc: GraphDoc, loss: GraphNode): PartVariant[] {
  const latent = composedLatent(doc, loss);
  const parts = partsOf(doc, objectivesOf(doc).all.map((n) => n.id));
  const kls = latent ? klTerms(doc, parts, latent) : [];
  const out: PartVariant[] = [];
  const reductions = parts.filter((n) => {
    const key = reductionParam(n);
    // The reduced term is the part's first term input (the others weigh it).
    const termPort = getSpec(n.kind)!.inputs.find((p) => p.kind === 'term')?.name;
    const term = key && termPort && REDUCTIONS.some((r) => reductionValue(n, r.op) === paramOf(n, key)) ? incoming(doc, n.id, termPort) : undefined;
    return term && !kls.some((k) => k.analytic && k.sum.id === term.source) && !klOf(doc.nodes.find((m) => m.id === term.source)?.kind);
  });
  for (const r of reductions) {
    const key = reductionParam(r)!;
    const tag = reductions.length > 1 ? `-${r.id}` : '';
    for (const red of REDUCTIONS.filter((x) => reductionValue(r, x.op) !== paramOf(r, key))) {
      const v = clone(doc);
      setParams(v, r.id, { [key]: reductionValue(r, red.op) });
      out.push({ key: `reduction${tag}-${red.op}`, label: red.label + (tag ? ` on ${r.label ?? r.id}` : ''), doc: v });
    }
  }
  const elboKls = kls.filter((k) => reducedByMean(doc, k.sum));
  for (const k of elboKls) {
    const tag = elboKls.length > 1 ? `-${k.sum.id}` : '';
    const on = tag ? ` on ${k.sum.label ?? k.sum.id}` : '';
    const swapped = k.analytic ? toMonteCarloKl(doc, k, latent!.z) : toAnalyticKl(doc, k, latent!);
    if (swapped) out.push({ key: `kl${tag}-${k.analytic ? 'mc' : 'analytic'}`, label: (k.analytic ? 'KL: Monte Carlo, log q(z|x) − log p(z) at the samples' : 'KL: analytic, in closed form') + on, doc: swapped });
    if (!(k.beta > 0)) continue;
    for (const beta of BETAS.filter((b) => b !== k.beta)) out.push({ key: `beta${tag}-${beta}`, label: `KL weight: β = ${beta}${on}`, doc: withBeta(doc, k, beta) });
  }
  return out;
}

/** Every variant of `doc` that compiles: other estimators, other J, the other KL, and a composed objective's parts' settings. */
export function variantsOf(doc: GraphDoc): Variant[] {
  const loss = reportedLoss(doc);
  if (!loss) return [];
  const est = estimatorOf(loss.kind);
  const out: Variant[] = [];
  if (!est?.composed) {
    for (const kind of ESTIMATOR_KINDS) {
      if (kind === loss.kind) continue;
      out.push(...named(`loss-${kind}`, `Estimator: ${getSpec(kind)?.title ?? kind}`, swapEstimator(doc, kind)));
    }
  }
  const sampler = est?.composed ? composedSampler(doc, loss) : latentSampler(doc, loss);
  if (sampler && est?.samples && !samplerOf(sampler.kind)?.pointEstimate(sampler.params)) {
    const J = typeof sampler.params.samples === 'number' ? sampler.params.samples : 1;
    for (const j of SAMPLE_COUNTS) {
      if (j === J) continue;
      const v = clone(doc);
      setParams(v, sampler.id, { samples: j });
      out.push(...named(`J-${j}`, `Samples: J = ${j}`, v));
    }
  }
  for (const pv of est?.paramVariants?.(loss.params) ?? []) {
    const v = clone(doc);
    setParams(v, loss.id, pv.patch);
    out.push(...named(pv.key, pv.label, v));
  }
  if (est?.composed) for (const pv of partVariants(doc, loss)) out.push(...named(pv.key, pv.label, pv.doc));
  return out;
}
