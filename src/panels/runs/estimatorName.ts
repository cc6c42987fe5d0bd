// A short name for what a graph trains — the estimator, its J, its KL — used to name runs
// so the legend of the overlay says which line is which ("IWAE, J=5").
import type { GraphDoc, GraphNode } from '../../graph/document';
import { estimatorOf, getSpec, isSampler } from '../../nodes/registry';
import { findLatent } from '../../nodes/lossStructure';

export function lossNodeOf(doc: GraphDoc): GraphNode | undefined {
  return doc.nodes.find((n) => getSpec(n.kind)?.family === 'loss');
}

/** The sampler that draws the loss's z, if z is sampled (not a deterministic encoder). */
export function latentSampler(doc: GraphDoc, loss: GraphNode): GraphNode | undefined {
  const r = findLatent(doc, loss);
  if (!r.ok) return undefined;
  const n = doc.nodes.find((m) => m.id === r.latent.z.node);
  return isSampler(n?.kind) ? n : undefined;
}

const samplesOf = (n: GraphNode | undefined): number => (typeof n?.params.samples === 'number' ? n.params.samples : 1);

export function estimatorName(doc: GraphDoc): string {
  const loss = lossNodeOf(doc);
  if (!loss) return 'No loss';
  const J = samplesOf(latentSampler(doc, loss));
  // Each estimator names its own runs (src/nodes/<kind>/estimator.ts).
  return estimatorOf(loss.kind)?.runName(loss.params, J) ?? getSpec(loss.kind)?.title ?? loss.kind;
}
