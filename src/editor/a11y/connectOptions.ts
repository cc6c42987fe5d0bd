// What the keyboard connect dialog offers: a node's ports, and for one of them every port on
// another node that it may be wired to. The verdict is the canvas's own (checkViewConnection),
// so the dialog never offers a connection a drag would refuse.
import type { BlockDef, GraphDoc } from '../../graph/document';
import { nodeById, nodeName } from '../../graph/queries';
import { portsOf } from '../../graph/blocks/ports';
import type { Connection } from '../../compiler/connection';
import { checkViewConnection } from '../../store/blockConnection';

export interface PortChoice {
  /** 'out': the node feeds the other end; 'in': the other end feeds it. */
  side: 'in' | 'out';
  port: string;
  label: string;
  kind: string;
}

export interface TargetChoice {
  connection: Connection;
  /** "Likelihood p(x|z) · x", for the list and for a screen reader alike. */
  text: string;
}

export const choiceKey = (c: PortChoice): string => `${c.side}:${c.port}`;

export function portChoices(doc: GraphDoc, nodeId: string): PortChoice[] {
  const node = nodeById(doc, nodeId);
  if (!node) return [];
  const ports = portsOf(doc.blocks, node);
  return [
    ...ports.inputs.map((p) => ({ side: 'in' as const, port: p.name, label: p.label, kind: p.kind })),
    ...ports.outputs.map((p) => ({ side: 'out' as const, port: p.name, label: p.label, kind: p.kind })),
  ];
}

/** The ports of other nodes that `choice` may connect to now, in the document's node order. */
export function targetChoices(doc: GraphDoc, nodeId: string, choice: PortChoice, def?: BlockDef): TargetChoice[] {
  const out: TargetChoice[] = [];
  for (const other of doc.nodes) {
    if (other.id === nodeId) continue;
    const ports = portsOf(doc.blocks, other);
    for (const p of choice.side === 'out' ? ports.inputs : ports.outputs) {
      const connection: Connection =
        choice.side === 'out'
          ? { source: nodeId, sourcePort: choice.port, target: other.id, targetPort: p.name }
          : { source: other.id, sourcePort: p.name, target: nodeId, targetPort: choice.port };
      if (checkViewConnection(doc, connection, def).ok) out.push({ connection, text: `${nodeName(other)} · ${p.label}` });
    }
  }
  return out;
}
