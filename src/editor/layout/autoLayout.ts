// Auto-layout with ELK's layered algorithm: data on the left, losses on the right, each
// node's ports kept in their declared order so edges do not cross at the node. Pure: it
// takes the graph and the node sizes and returns positions, so the store, a script that
// lays out the gallery files and the tests all use the same layout. ELK itself is passed in:
// in a worker in the page (workerEngine.ts), in-thread in Node (inThreadEngine.ts).
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import type { GraphDoc } from '../../graph/document';
import { portsOf } from '../../graph/blocks/ports';
import { getSpec } from '../../nodes/registry';

export interface XY {
  x: number;
  y: number;
}
export interface Size {
  width: number;
  height: number;
}

/** What a node is laid out as before React Flow has measured it. */
export const FALLBACK_SIZE: Size = { width: 220, height: 130 };

// Spacing wide enough that edge labels (shapes) sit between layers, small enough that a
// lecture graph stays readable at the zoom it opens with.
const OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.spacing.nodeNode': '36',
  'elk.layered.spacing.nodeNodeBetweenLayers': '70',
  'elk.spacing.componentComponent': '60',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
};

/** The one method of ELK the layout uses. */
export interface LayoutEngine {
  layout(graph: ElkNode): Promise<ElkNode>;
}

type LayoutDoc = Pick<GraphDoc, 'nodes' | 'edges' | 'blocks'>;

/**
 * New positions for `nodeIds` (default: every node). A selection is laid out among itself
 * and keeps the top-left corner of its bounding box, so the rest of the graph stays put.
 */
export async function autoLayout(elk: LayoutEngine, doc: LayoutDoc, sizes: Readonly<Record<string, Size | undefined>>, nodeIds?: readonly string[]): Promise<Map<string, XY>> {
  const chosen = new Set(nodeIds ?? doc.nodes.map((n) => n.id));
  const nodes = doc.nodes.filter((n) => chosen.has(n.id));
  if (nodes.length === 0) return new Map();
  const sizeOf = (id: string) => sizes[id] ?? FALLBACK_SIZE;
  const portIds = new Set<string>();
  const children: ElkNode[] = nodes.map((n) => {
    const ports = portsOf(doc.blocks, n);
    const elkPorts = [
      ...ports.inputs.map((p, i) => ({ id: `${n.id}\u0000in\u0000${p.name}`, layoutOptions: { 'elk.port.side': 'WEST', 'elk.port.index': String(i) } })),
      // ELK numbers east ports bottom-up, so the first output gets the highest index.
      ...ports.outputs.map((p, i) => ({ id: `${n.id}\u0000out\u0000${p.name}`, layoutOptions: { 'elk.port.side': 'EAST', 'elk.port.index': String(ports.outputs.length - 1 - i) } })),
    ];
    for (const p of elkPorts) portIds.add(p.id);
    // The data always starts the graph, even where it feeds only the loss (Monte Carlo with
    // prior samples): the view opens on the left, so the data is what one sees first.
    const first: Record<string, string> = getSpec(n.kind)?.dataSource ? { 'elk.layered.layering.layerConstraint': 'FIRST' } : {};
    return { id: n.id, ...sizeOf(n.id), ports: elkPorts, layoutOptions: { 'elk.portConstraints': 'FIXED_ORDER', ...first } };
  });
  const end = (node: string, side: 'in' | 'out', port: string) => {
    const id = `${node}\u0000${side}\u0000${port}`;
    return portIds.has(id) ? id : node;
  };
  const edges: ElkExtendedEdge[] = doc.edges
    .filter((e) => chosen.has(e.source) && chosen.has(e.target) && e.source !== e.target)
    .map((e) => ({ id: e.id, sources: [end(e.source, 'out', e.sourcePort)], targets: [end(e.target, 'in', e.targetPort)] }));
  const laid = await elk.layout({ id: 'root', layoutOptions: OPTIONS, children, edges });

  // Anchor: the whole graph keeps its top-left corner too, so a layout does not jump the view.
  const left = Math.min(...nodes.map((n) => n.position.x));
  const top = Math.min(...nodes.map((n) => n.position.y));
  const placed = laid.children ?? [];
  const x0 = Math.min(...placed.map((c) => c.x ?? 0));
  const y0 = Math.min(...placed.map((c) => c.y ?? 0));
  const out = new Map<string, XY>();
  for (const c of placed) out.set(c.id, { x: Math.round(left + (c.x ?? 0) - x0), y: Math.round(top + (c.y ?? 0) - y0) });
  return out;
}
