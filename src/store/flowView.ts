// React Flow's nodes and edges, DERIVED from the document plus selection and measured
// sizes. A small cache hands back the same object for an unchanged node or edge, so React
// Flow neither re-renders nor re-measures what did not change.
import type { Edge, Node } from '@xyflow/react';
import type { GraphDoc, GraphEdge, GraphNode } from '../graph/document';
import { outputPortOf } from '../graph/blocks/ports';
import type { PortKind } from '../nodes/types';
import type { Size } from './types';
import type { XY } from './docEdits';

export type ModelNodeData = { kind: string };
export type ModelFlowNode = Node<ModelNodeData, 'model'>;
/** `fan`: this edge's place among the edges leaving the same output, centred on 0 (−0.5, 0.5 for two). */
export type ShapeEdgeData = { portKind: PortKind | 'unknown'; fan: number };
export type ShapeFlowEdge = Edge<ShapeEdgeData, 'shape'>;

interface NodeEntry {
  src: GraphNode;
  selected: boolean;
  size: Size | undefined;
  node: ModelFlowNode;
}

/**
 * The previous array when every element is the same object: React Flow rebuilds its
 * lookups and re-runs every node's and edge's selector for a new array, even an equal one.
 */
function sameOrNew<T>(prev: T[], next: T[]): T[] {
  return prev.length === next.length && next.every((x, i) => x === prev[i]) ? prev : next;
}

export function createNodeDeriver() {
  let cache = new Map<string, NodeEntry>();
  let last: ModelFlowNode[] = [];
  return (nodes: GraphNode[], selectedIds: string[], measured: Record<string, Size>): ModelFlowNode[] => {
    const selected = new Set(selectedIds);
    const next = new Map<string, NodeEntry>();
    const out = nodes.map((src) => {
      const isSel = selected.has(src.id);
      const size = measured[src.id];
      const old = cache.get(src.id);
      if (old && old.src === src && old.selected === isSel && old.size === size) {
        next.set(src.id, old);
        return old.node;
      }
      const node: ModelFlowNode = { id: src.id, type: 'model', position: src.position, data: { kind: src.kind }, selected: isSel };
      if (size) node.measured = size;
      next.set(src.id, { src, selected: isSel, size, node });
      return node;
    });
    cache = next;
    return (last = sameOrNew(last, out));
  };
}

/** The nodes with a drag's preview positions in place; the nodes not dragged keep their object. */
export function withDragPreview(nodes: ModelFlowNode[], positions: ReadonlyMap<string, XY> | null): ModelFlowNode[] {
  if (!positions?.size) return nodes;
  return nodes.map((n) => {
    const p = positions.get(n.id);
    return p && (p.x !== n.position.x || p.y !== n.position.y) ? { ...n, position: p } : n;
  });
}

interface EdgeEntry {
  src: GraphEdge;
  selected: boolean;
  portKind: ShapeEdgeData['portKind'];
  fan: number;
  edge: ShapeFlowEdge;
}

/**
 * Each edge's fan offset among the edges from its output port, in the order of their
 * targets from top to bottom, so fanned edges do not cross as they leave the port.
 */
function fanOffsets(edges: readonly GraphEdge[], byId: ReadonlyMap<string, GraphNode>): number[] {
  const byPort = new Map<string, number[]>();
  edges.forEach((e, i) => {
    const k = `${e.source}\u0000${e.sourcePort}`;
    const list = byPort.get(k);
    if (list) list.push(i);
    else byPort.set(k, [i]);
  });
  const out = new Array<number>(edges.length).fill(0);
  const y = (i: number) => byId.get(edges[i].target)?.position.y ?? 0;
  for (const list of byPort.values()) list.sort((a, b) => y(a) - y(b) || a - b).forEach((edgeIndex, j) => (out[edgeIndex] = j - (list.length - 1) / 2));
  return out;
}

export function createEdgeDeriver() {
  let cache = new Map<string, EdgeEntry>();
  let last: ShapeFlowEdge[] = [];
  return (doc: GraphDoc, selectedIds: string[]): ShapeFlowEdge[] => {
    const selected = new Set(selectedIds);
    const byId = new Map(doc.nodes.map((n) => [n.id, n]));
    const next = new Map<string, EdgeEntry>();
    const fans = fanOffsets(doc.edges, byId);
    const out = doc.edges.map((src, i) => {
      const isSel = selected.has(src.id);
      const fan = fans[i];
      const source = byId.get(src.source);
      const portKind = (source && outputPortOf(doc.blocks, source, src.sourcePort)?.kind) || 'unknown';
      const old = cache.get(src.id);
      if (old && old.src === src && old.selected === isSel && old.portKind === portKind && old.fan === fan) {
        next.set(src.id, old);
        return old.edge;
      }
      const edge: ShapeFlowEdge = {
        id: src.id,
        type: 'shape',
        source: src.source,
        sourceHandle: src.sourcePort,
        target: src.target,
        targetHandle: src.targetPort,
        selected: isSel,
        data: { portKind, fan },
      };
      next.set(src.id, { src, selected: isSel, portKind, fan, edge });
      return edge;
    });
    cache = next;
    return (last = sameOrNew(last, out));
  };
}
