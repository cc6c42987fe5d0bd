// The exact marginal likelihood exists only for prior → sampler → linear… → Gaussian
// likelihood. This finds that chain or says, in words, where the graph departs from it.
import type { GraphDoc, GraphNode } from '../../graph/document';
import { nodeName, sourceOf } from '../../graph/queries';

export interface LinearGaussianChain {
  priorId: string;
  samplerId: string;
  /** Linear nodes in application order, from z to the likelihood mean. */
  linearIds: string[];
  likelihoodId: string;
}

export type ChainResult = { ok: true; chain: LinearGaussianChain } | { ok: false; reason: string };

const NEEDS = 'The exact marginal likelihood needs prior → sampler → linear → Gaussian likelihood';

export function findLinearGaussian(doc: GraphDoc, loss: GraphNode): ChainResult {
  const prior = sourceOf(doc, loss.id, 'prior');
  const lik = sourceOf(doc, loss.id, 'likelihood');
  if (!prior || !lik) return { ok: false, reason: `${NEEDS}; connect both the prior and the likelihood.` };
  if (prior.kind !== 'gaussian' || sourceOf(doc, prior.id, 'mean')) {
    return { ok: false, reason: `${NEEDS}: the prior (${nodeName(prior)}) must be a Gaussian with no mean input, N(0, ν²I).` };
  }
  if (lik.kind !== 'gaussian') return { ok: false, reason: `${NEEDS}: the likelihood (${nodeName(lik)}) must be a Gaussian.` };
  let cur = sourceOf(doc, lik.id, 'mean');
  if (!cur) return { ok: false, reason: `${NEEDS}: the likelihood has no mean input.` };
  const linearIds: string[] = [];
  const seen = new Set<string>();
  while (cur && cur.kind === 'linear' && !seen.has(cur.id)) {
    seen.add(cur.id);
    linearIds.unshift(cur.id);
    cur = sourceOf(doc, cur.id, 'in');
  }
  if (linearIds.length === 0) {
    return { ok: false, reason: `${NEEDS}: it needs a linear decoder, but the likelihood mean comes from ${cur ? `a ${cur.kind} node (${nodeName(cur)})` : 'nothing'}.` };
  }
  if (!cur || cur.kind !== 'sampler') {
    return { ok: false, reason: `${NEEDS}: the linear decoder must read samples z of the prior, but its input is ${cur ? `a ${cur.kind} node (${nodeName(cur)})` : 'not connected'}.` };
  }
  const sampled = sourceOf(doc, cur.id, 'dist');
  if (!sampled || sampled.id !== prior.id) {
    return { ok: false, reason: `${NEEDS}: the sampler (${nodeName(cur)}) must draw from the prior wired into this loss (${nodeName(prior)}).` };
  }
  return { ok: true, chain: { priorId: prior.id, samplerId: cur.id, linearIds, likelihoodId: lik.id } };
}

/**
 * For any estimator: is the generative part linear-Gaussian (the decoder from z to the
 * Gaussian likelihood's mean is a chain of linear maps, σ not from an input)? Then the
 * exact marginal is available for evaluation even when training uses a bound.
 */
export function linearChainTo(doc: GraphDoc, likelihoodId: string, zNodeId: string): string[] | undefined {
  const lik = doc.nodes.find((n) => n.id === likelihoodId);
  if (!lik || lik.kind !== 'gaussian' || sourceOf(doc, lik.id, 'logvar')) return undefined;
  const ids: string[] = [];
  let cur = sourceOf(doc, lik.id, 'mean');
  while (cur && cur.kind === 'linear' && ids.length < doc.nodes.length) {
    ids.unshift(cur.id);
    cur = sourceOf(doc, cur.id, 'in');
  }
  return ids.length > 0 && cur?.id === zNodeId ? ids : undefined;
}
