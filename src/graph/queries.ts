// Small structural questions about a document, shared by the compiler and node checks.
import type { GraphDoc, GraphEdge, GraphNode } from './document';

export function nodeById(doc: GraphDoc, id: string): GraphNode | undefined {
  return doc.nodes.find((n) => n.id === id);
}

/** The edge feeding an input port (inputs take at most one edge). */
export function incoming(doc: GraphDoc, nodeId: string, port: string): GraphEdge | undefined {
  return doc.edges.find((e) => e.target === nodeId && e.targetPort === port);
}

/** The node feeding an input port, if any. */
export function sourceOf(doc: GraphDoc, nodeId: string, port: string): GraphNode | undefined {
  const e = incoming(doc, nodeId, port);
  return e ? nodeById(doc, e.source) : undefined;
}

export function nodeName(n: GraphNode): string {
  return n.label?.trim() || n.id;
}
