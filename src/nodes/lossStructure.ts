// Where the latent of a loss comes from: the tensor z the decoder reads, the prior and
// the proposal. Evaluation replaces z with its own samples to estimate the held-out NLL.
import type { GraphDoc, GraphNode } from '../graph/document';
import { incoming, nodeName, sourceOf } from '../graph/queries';

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
    if (n.kind === 'sampler') return n;
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
  if (prior.kind !== 'gaussian' || sourceOf(doc, prior.id, 'mean')) {
    return { ok: false, reason: `The prior (${nodeName(prior)}) must be a Gaussian with no inputs, N(0, ν²I).` };
  }
  const proposal = sourceOf(doc, loss.id, 'proposal');
  return { ok: true, latent: { z, priorId: prior.id, proposalId: proposal?.id, likelihoodId: lik.id } };
}

/** The distribution a sampler-made z is drawn from, if z comes from a sampler. */
export function samplerSource(doc: GraphDoc, latent: LatentStructure): GraphNode | undefined {
  const zNode = doc.nodes.find((n) => n.id === latent.z.node);
  return zNode?.kind === 'sampler' ? sourceOf(doc, zNode.id, 'dist') : undefined;
}
