// Where the latent of a loss comes from: the tensor z the decoder reads, the prior and
// the proposal. Evaluation replaces z with its own samples to estimate the held-out NLL.
import type { GraphDoc, GraphNode } from '../graph/document';
import { incoming, nodeById, nodeName, sourceOf, upstream } from '../graph/queries';
import { densityOf, getSpec, inputPort, isDataSource, klOf, objectiveOf, passThroughOf, samplerOf } from './registry';

export interface LatentStructure {
  /** The node output that produces z (a sampler, or a deterministic encoder). */
  z: { node: string; port: string };
  priorId: string;
  proposalId?: string;
  likelihoodId: string;
}

export type LatentResult = { ok: true; latent: LatentStructure } | { ok: false; reason: string };

/** Follow a node's inputs upstream to the first sampler (for losses with no z port). */
export function upstreamSampler(doc: GraphDoc, start: GraphNode | undefined): GraphNode | undefined {
  const stack = start ? [start] : [];
  const seen = new Set<string>();
  while (stack.length) {
    const n = stack.pop()!;
    if (seen.has(n.id)) continue;
    seen.add(n.id);
    if (samplerOf(n.kind)) return n;
    for (const e of doc.edges) {
      const source = e.target === n.id ? doc.nodes.find((m) => m.id === e.source) : undefined;
      if (source) stack.push(source);
    }
  }
  return undefined;
}

export function findLatent(doc: GraphDoc, loss: GraphNode): LatentResult {
  const lik = sourceOf(doc, loss.id, 'likelihood');
  if (!lik) return { ok: false, reason: 'Connect the likelihood p(x|z).' };
  const zEdge = incoming(doc, loss.id, 'z');
  let z: LatentStructure['z'];
  let prior = sourceOf(doc, loss.id, 'prior');
  if (zEdge) z = { node: zEdge.source, port: zEdge.sourcePort };
  else {
    const sampler = upstreamSampler(doc, lik);
    if (!sampler) return { ok: false, reason: 'The likelihood must be computed from samples z: put a Sampler between the prior and the decoder.' };
    z = { node: sampler.id, port: 'z' };
    prior ??= sourceOf(doc, sampler.id, 'dist');
  }
  if (!prior) return { ok: false, reason: 'Connect the prior p(z).' };
  if (!isPrior(doc, prior)) {
    return { ok: false, reason: `The prior (${nodeName(prior)}) must be a Gaussian with no inputs, N(0, ν²I).` };
  }
  const proposal = sourceOf(doc, loss.id, 'proposal');
  return { ok: true, latent: { z, priorId: prior.id, proposalId: proposal?.id, likelihoodId: lik.id } };
}

/** The distribution a sampler-made z is drawn from, if z comes from a sampler. */
export function samplerSource(doc: GraphDoc, latent: LatentStructure): GraphNode | undefined {
  const zNode = doc.nodes.find((n) => n.id === latent.z.node);
  const s = samplerOf(zNode?.kind);
  return s ? sourceOf(doc, zNode!.id, s.distPort) : undefined;
}

/** A prior N(0, ν²I): a Gaussian with nothing wired into it. */
function isPrior(doc: GraphDoc, n: GraphNode): boolean {
  return getSpec(n.kind)?.distribution?.family === 'gaussian' && !doc.edges.some((e) => e.target === n.id);
}

/** The node behind a port, seen through the parts that only stop gradients. */
export function throughPassThrough(doc: GraphDoc, nodeId: string, port: string): { node: GraphNode; port: string } | undefined {
  let e = incoming(doc, nodeId, port);
  for (let hops = 0; e && hops <= doc.nodes.length; hops++) {
    const n = nodeById(doc, e.source);
    if (!n) return undefined;
    const pass = passThroughOf(n.kind);
    if (!pass) return { node: n, port: e.sourcePort };
    e = incoming(doc, n.id, pass.input);
  }
  return undefined;
}

/**
 * The latent of an estimator built from parts, read off its log-densities and KL: the
 * likelihood is the distribution evaluated at the data, z the sampler it is computed from,
 * the prior a Gaussian with no inputs evaluated at z (or in the KL, or the one z is drawn
 * from), the proposal the data-dependent distribution z is drawn from.
 */
export function findComposedLatent(doc: GraphDoc, objectiveIds: string[]): LatentResult {
  const parts = upstream(doc, objectiveIds);
  const densities = parts.flatMap((n) => {
    const d = densityOf(n.kind);
    const dist = d && throughPassThrough(doc, n.id, d.distPort);
    const value = d && throughPassThrough(doc, n.id, d.valuePort);
    return dist && value ? [{ dist: dist.node, value }] : [];
  });
  const lik = densities.find((d) => isDataSource(d.value.node.kind))?.dist;
  if (!lik) return { ok: false, reason: 'No log-density is evaluated at the data: add a Log-density of the likelihood p(x|z) at x.' };
  const kls = parts.flatMap((n) => {
    const k = klOf(n.kind);
    return k ? [{ q: throughPassThrough(doc, n.id, k.qPort)?.node, p: throughPassThrough(doc, n.id, k.pPort)?.node }] : [];
  });
  const sampler = upstreamSampler(doc, lik);
  if (!sampler) {
    // A point estimate read straight off an encoder (the autoencoder with no sampler): z is
    // where the prior's log-density is evaluated, and nothing is drawn from a proposal.
    const atPrior = densities.find((d) => isPrior(doc, d.dist));
    if (!atPrior) return { ok: false, reason: 'The likelihood must be computed from samples z: put a Sampler between the prior or q(z|x) and the decoder.' };
    return { ok: true, latent: { z: { node: atPrior.value.node.id, port: atPrior.value.port }, priorId: atPrior.dist.id, likelihoodId: lik.id } };
  }
  const sampling = samplerOf(sampler.kind)!;
  const drawnFrom = throughPassThrough(doc, sampler.id, sampling.distPort)?.node;
  const candidates = [...densities.filter((d) => d.value.node.id === sampler.id).map((d) => d.dist), ...kls.map((k) => k.p), drawnFrom];
  const prior = candidates.find((c): c is GraphNode => !!c && isPrior(doc, c));
  if (!prior) return { ok: false, reason: 'No prior p(z) is found: evaluate a Gaussian with no inputs, N(0, ν²I), at the samples z (a Log-density), or compare q(z|x) with it in a KL.' };
  // A sampler that returns the mean (a point estimate) draws nothing: there is no proposal to weigh by.
  const drawn = sampling.pointEstimate(sampler.params) ? undefined : drawnFrom;
  const proposal = drawn && drawn.id !== prior.id ? drawn : kls.find((k) => k.q && k.q.id !== prior.id)?.q;
  return { ok: true, latent: { z: { node: sampler.id, port: 'z' }, priorId: prior.id, proposalId: proposal?.id, likelihoodId: lik.id } };
}

/**
 * The latent of the graph's objectives: a built-in estimator names its parts on its ports,
 * an objective built from parts has them read off the graph.
 */
export function latentOfObjectives(doc: GraphDoc, reported: GraphNode, objectiveIds: string[]): LatentResult {
  if (objectiveOf(reported.kind) || !inputPort(reported.kind, 'likelihood')) return findComposedLatent(doc, objectiveIds);
  return findLatent(doc, reported);
}
