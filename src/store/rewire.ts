// Rewiring: a connection dropped on an input that already has an edge replaces that edge.
// The new edge is judged on the document without the old one, so every other rule of
// checkConnection (kinds, cycles, block boundaries) still refuses what it refuses.
import type { BlockDef, GraphDoc } from '../graph/document';
import type { Connection, ConnectionVerdict } from '../compiler/connection';
import { checkViewConnection } from './blockConnection';

/** The document with the edge into this input (if any) removed. */
export function withInputFreed(doc: GraphDoc, target: string, targetPort: string): GraphDoc {
  const kept = doc.edges.filter((e) => !(e.target === target && e.targetPort === targetPort));
  return kept.length === doc.edges.length ? doc : { ...doc, edges: kept };
}

/** Whether `c` is exactly an edge the document already has. */
export function isExistingEdge(doc: GraphDoc, c: Connection): boolean {
  return doc.edges.some((e) => e.source === c.source && e.sourcePort === c.sourcePort && e.target === c.target && e.targetPort === c.targetPort);
}

/** checkConnection as if the target input were free: the verdict on a rewire. */
export function checkRewire(doc: GraphDoc, c: Connection, def?: BlockDef): { verdict: ConnectionVerdict; freed: GraphDoc } {
  const freed = withInputFreed(doc, c.target, c.targetPort);
  return { verdict: checkViewConnection(freed, c, def), freed };
}
