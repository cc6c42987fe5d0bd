// Ungroup: one block instance → copies of its definition's nodes and edges in its place,
// with the edges to its ports re-routed to the inner ports they stand for. Inner ids are
// kept where the level does not use them yet (so Make block then Ungroup gives back the
// graph as it was); the definition stays in the document (and in the palette).
import type { GraphDoc, GraphEdge, GraphNode } from '../document';
import { blockDefOf, isBlockNode } from './ports';

export type UngroupResult = { ok: true; doc: GraphDoc; ids: string[] } | { ok: false; reason: string };

export function ungroupBlock(doc: GraphDoc, instanceId: string): UngroupResult {
  const inst = doc.nodes.find((n) => n.id === instanceId);
  if (!inst || !isBlockNode(inst)) return { ok: false, reason: 'Select a block to ungroup.' };
  const def = blockDefOf(doc.blocks, inst);
  if (!def) return { ok: false, reason: 'This block’s definition is missing, so it cannot be ungrouped.' };

  const taken = new Set(doc.nodes.filter((n) => n.id !== instanceId).map((n) => n.id));
  const idMap = new Map<string, string>();
  for (const n of def.nodes) {
    let id = n.id;
    for (let k = 2; taken.has(id); k++) id = `${n.id}-${k}`;
    taken.add(id);
    idMap.set(n.id, id);
  }
  // Inner positions are where the nodes were when the block was made; the block's own
  // position stands for their top-left corner, so a moved block ungroups where it is.
  const minX = Math.min(...def.nodes.map((n) => n.position.x));
  const minY = Math.min(...def.nodes.map((n) => n.position.y));
  const dx = def.nodes.length ? inst.position.x - minX : 0;
  const dy = def.nodes.length ? inst.position.y - minY : 0;
  const copies: GraphNode[] = def.nodes.map((n) => ({ ...structuredClone(n), id: idMap.get(n.id)!, position: { x: n.position.x + dx, y: n.position.y + dy } }));

  const inputs = new Map(def.inputs.map((b) => [b.name, b]));
  const outputs = new Map(def.outputs.map((b) => [b.name, b]));
  const edgeIds = new Set(doc.edges.map((e) => e.id));
  const freshEdgeId = (base: string) => {
    let id = base;
    for (let k = 2; edgeIds.has(id); k++) id = `${base}~${k}`;
    edgeIds.add(id);
    return id;
  };
  const edges: GraphEdge[] = [];
  for (const e of doc.edges) {
    if (e.source !== instanceId && e.target !== instanceId) {
      edges.push(e);
      continue;
    }
    const src = e.source === instanceId ? outputs.get(e.sourcePort) : undefined;
    const dst = e.target === instanceId ? inputs.get(e.targetPort) : undefined;
    if ((e.source === instanceId && !src) || (e.target === instanceId && !dst)) continue;
    edges.push({
      ...e,
      source: src ? idMap.get(src.node)! : e.source,
      sourcePort: src ? src.port : e.sourcePort,
      target: dst ? idMap.get(dst.node)! : e.target,
      targetPort: dst ? dst.port : e.targetPort,
    });
  }
  for (const e of def.edges) {
    edges.push({ ...e, id: freshEdgeId(e.id), source: idMap.get(e.source)!, target: idMap.get(e.target)! });
  }
  const at = doc.nodes.indexOf(inst);
  const nodes = [...doc.nodes.slice(0, at), ...copies, ...doc.nodes.slice(at + 1)];
  return { ok: true, doc: { ...doc, nodes, edges }, ids: copies.map((n) => n.id) };
}
