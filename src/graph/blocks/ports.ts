// A node's ports, asked of the document: most kinds list them in their spec; a block
// instance's come from its definition (its boundary ports). Everything that needs a node's
// ports for a document — the parser's reference checks, the edit-time limits, the editor's
// handles and connection rules — asks here, so block ports are never a special case there.
import type { BlockDef, BoundaryPort, GraphDoc, GraphNode } from '../document';
import { getSpec } from '../../nodes/registry';
import type { PortKind, PortSpec } from '../../nodes/types';

export type Blocks = GraphDoc['blocks'];

export interface NodePorts {
  inputs: PortSpec[];
  outputs: PortSpec[];
}

const NONE: NodePorts = { inputs: [], outputs: [] };
const own = (o: object | undefined, k: string) => o !== undefined && Object.prototype.hasOwnProperty.call(o, k);

/** The definition id a node names, when it is a block instance (undefined otherwise). */
export function blockIdOf(node: Pick<GraphNode, 'kind' | 'params'>): string | undefined {
  return getSpec(node.kind)?.block?.definition(node.params);
}

/** Whether the node is a block instance (whatever its definition). */
export function isBlockNode(node: Pick<GraphNode, 'kind'>): boolean {
  return getSpec(node.kind)?.block !== undefined;
}

/** The definition a block instance shows, if the document has it. */
export function blockDefOf(blocks: Blocks, node: Pick<GraphNode, 'kind' | 'params'>): BlockDef | undefined {
  const id = blockIdOf(node);
  return id !== undefined && own(blocks, id) ? blocks![id] : undefined;
}

const toPort = (b: BoundaryPort): PortSpec => ({ name: b.name, kind: b.kind as PortKind, label: b.label });

const defPorts = new WeakMap<BlockDef, NodePorts>();

/** The ports of a definition's instances: its boundary ports. */
export function portsOfDef(def: BlockDef): NodePorts {
  let p = defPorts.get(def);
  if (!p) defPorts.set(def, (p = { inputs: def.inputs.map(toPort), outputs: def.outputs.map(toPort) }));
  return p;
}

/** The ports of a node in a document with these block definitions. */
export function portsOf(blocks: Blocks, node: Pick<GraphNode, 'kind' | 'params'>): NodePorts {
  const spec = getSpec(node.kind);
  if (!spec) return NONE;
  if (!spec.block) return spec;
  const def = blockDefOf(blocks, node);
  return def ? portsOfDef(def) : NONE;
}

export function inputPortOf(blocks: Blocks, node: Pick<GraphNode, 'kind' | 'params'>, port: string): PortSpec | undefined {
  return portsOf(blocks, node).inputs.find((p) => p.name === port);
}

export function outputPortOf(blocks: Blocks, node: Pick<GraphNode, 'kind' | 'params'>, port: string): PortSpec | undefined {
  return portsOf(blocks, node).outputs.find((p) => p.name === port);
}

/** Port lookups by node id over one graph's nodes (the document's, or a definition's). */
export function portLookup(nodes: readonly GraphNode[], blocks: Blocks) {
  const byId = new Map<string, GraphNode>();
  for (const n of nodes) if (!byId.has(n.id)) byId.set(n.id, n);
  return {
    node: (id: string) => byId.get(id),
    input(id: string, port: string): PortSpec | undefined {
      const n = byId.get(id);
      return n && inputPortOf(blocks, n, port);
    },
    output(id: string, port: string): PortSpec | undefined {
      const n = byId.get(id);
      return n && outputPortOf(blocks, n, port);
    },
  };
}
