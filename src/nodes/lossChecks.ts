// Wiring checks shared by the estimators that sample z from a proposal q(z|x).
import type { GraphDoc, GraphNode } from '../graph/document';
import { nodeName } from '../graph/queries';
import { findLatent, samplerSource } from './lossStructure';

export function checkLatent(doc: GraphDoc, loss: GraphNode): string[] {
  if (!doc.edges.some((e) => e.target === loss.id && e.targetPort === 'likelihood')) return [];
  const r = findLatent(doc, loss);
  return r.ok ? [] : [r.reason];
}

/** z must be reparameterised samples of the proposal wired into the same loss. */
export function checkSamplesFromProposal(doc: GraphDoc, loss: GraphNode): string[] {
  const r = findLatent(doc, loss);
  if (!r.ok) return [r.reason];
  const { latent } = r;
  if (!latent.proposalId) return [];
  const zNode = doc.nodes.find((n) => n.id === latent.z.node)!;
  const src = samplerSource(doc, latent);
  if (zNode.kind !== 'sampler' || src?.id !== latent.proposalId) {
    return [`z must be samples drawn from the proposal q(z|x) wired into this loss; it comes from ${nodeName(zNode)}.`];
  }
  if (zNode.params.mode === 'mean') return [`The sampler ${nodeName(zNode)} returns the mean: set it to reparameterised samples for this estimator.`];
  return [];
}
