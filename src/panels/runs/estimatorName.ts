// A short name for what a graph trains — the estimator, its J, its KL — used to name runs
// so the legend of the overlay says which line is which ("IWAE, J=5", "DReG IWAE, J=5").
import type { GraphDoc, GraphNode } from '../../graph/document';
import { estimatorOf, getSpec, isSampler } from '../../nodes/registry';
import { latentOfObjectives } from '../../nodes/lossStructure';
import { objectivesOf } from '../../compiler/objectiveScope';
import { flattenBlocks } from '../../graph/blocks/flatten';

/** The loss whose estimate the run reports (the first, when none is marked). */
export function lossNodeOf(doc: GraphDoc): GraphNode | undefined {
  const { all, reported } = objectivesOf(doc);
  return reported[0] ?? all[0];
}

/** The sampler that draws the loss's z, if z is sampled (not a deterministic encoder). */
export function latentSampler(doc: GraphDoc, loss: GraphNode): GraphNode | undefined {
  const r = latentOfObjectives(doc, loss, objectivesOf(doc).all.map((n) => n.id));
  if (!r.ok) return undefined;
  const n = doc.nodes.find((m) => m.id === r.latent.z.node);
  return isSampler(n?.kind) ? n : undefined;
}

const samplesOf = (n: GraphNode | undefined): number => (typeof n?.params.samples === 'number' ? n.params.samples : 1);

export function estimatorName(doc: GraphDoc): string {
  // Parts inside a block count as the graph's: the name reads what is trained.
  const flat = flattenBlocks(doc).doc;
  const loss = lossNodeOf(flat);
  if (!loss) return 'No loss';
  const J = samplesOf(latentSampler(flat, loss));
  // Each estimator names its own runs (src/nodes/<kind>/estimator.ts); one built from parts reads the graph.
  return estimatorOf(loss.kind)?.runName(loss.params, J, { doc: flat, node: loss }) ?? getSpec(loss.kind)?.title ?? loss.kind;
}
