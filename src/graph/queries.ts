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

/** Every node upstream of the given ones (themselves included), in the document's order. */
export function upstream(doc: GraphDoc, ids: string[]): GraphNode[] {
  const seen = new Set<string>();
  const stack = [...ids];
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const e of doc.edges) if (e.target === id) stack.push(e.source);
  }
  return doc.nodes.filter((n) => seen.has(n.id));
}
