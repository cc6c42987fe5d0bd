// Which parameters an objective trains. The encoder is every node upstream of a proposal —
// a distribution that a sampler draws from and that depends on the data, q(z|x); the rest
// (decoder, prior, any learned scale) is the decoder's. DReG and reweighted wake-sleep send
// one surrogate to each, and the gradients of a graph's objectives add.
import type { GraphDoc, GraphNode } from '../graph/document';
import { getSpec, isDataSource, objectiveOf, samplerOf } from '../nodes/registry';
import { upstream } from '../graph/queries';
import type { ObjectiveScopeName } from '../nodes/capabilities';

/** The objectives of a graph (its loss nodes), and the one that charts and runs report. */
export function objectivesOf(doc: GraphDoc): { all: GraphNode[]; reported: GraphNode[] } {
  const all = doc.nodes.filter((n) => getSpec(n.kind)?.family === 'loss');
  return { all, reported: all.filter((n) => objectiveOf(n.kind)?.reported(n.params) ?? true) };
}

export function scopeOf(node: GraphNode): ObjectiveScopeName {
  return objectiveOf(node.kind)?.scope(node.params) ?? 'all';
}

/** Ids of every node upstream of (and including) `start`. */
const ancestors = (doc: GraphDoc, start: string[]): Set<string> => new Set(upstream(doc, start).map((n) => n.id));

/** The nodes whose parameters make up the encoder: upstream of each q(z|x) a sampler draws from. */
export function encoderNodes(doc: GraphDoc): Set<string> {
  const proposals: string[] = [];
  for (const n of doc.nodes) {
    const s = samplerOf(n.kind);
    const e = s && doc.edges.find((x) => x.target === n.id && x.targetPort === s.distPort);
    if (!e) continue;
    const up = ancestors(doc, [e.source]);
    if (doc.nodes.some((m) => up.has(m.id) && isDataSource(m.kind))) proposals.push(e.source);
  }
  return ancestors(doc, proposals);
}

/** Whether the parameters of node `id` are trained by an objective of this scope. */
export function inScope(scope: ObjectiveScopeName, encoder: ReadonlySet<string>, id: string): boolean {
  return scope === 'all' || (scope === 'encoder') === encoder.has(id);
}

export const SCOPE_WORDS: Record<ObjectiveScopeName, string> = {
  all: 'all parameters',
  encoder: 'the encoder (upstream of q(z|x))',
  decoder: 'the decoder and the prior',
};
