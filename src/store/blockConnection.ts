// checkConnection (src/compiler/connection.ts) with block ports: a block instance's ports
// come from its definition, and inside an open block an inner input fed from outside the
// block (a boundary port) takes no second edge.
import type { BlockDef, GraphDoc } from '../graph/document';
import { nodeById, nodeName } from '../graph/queries';
import { inputPortOf, isBlockNode, outputPortOf } from '../graph/blocks/ports';
import { checkConnection, type Connection, type ConnectionVerdict } from '../compiler/connection';
import { reaches } from '../compiler/topoOrder';

export function checkViewConnection(doc: GraphDoc, c: Connection, def?: BlockDef): ConnectionVerdict {
  const bound = def?.inputs.find((b) => b.node === c.target && b.port === c.targetPort);
  if (bound) {
    const t = nodeById(doc, c.target);
    return { ok: false, reason: `${t ? nodeName(t) : c.target}.${c.targetPort} is fed from outside the block (its port “${bound.label}”); connect it there, or ungroup the block.` };
  }
  const s = nodeById(doc, c.source);
  const t = nodeById(doc, c.target);
  if (!s || !t || (!isBlockNode(s) && !isBlockNode(t))) return checkConnection(doc, c);
  if (s.id === t.id) return { ok: false, reason: 'A node cannot feed itself.' };
  const sp = outputPortOf(doc.blocks, s, c.sourcePort);
  const tp = inputPortOf(doc.blocks, t, c.targetPort);
  if (!sp || !tp) return { ok: false, reason: 'Connect an output (right side) to an input (left side).' };
  if (sp.kind !== tp.kind) return { ok: false, reason: `${nodeName(s)}.${sp.label} gives a ${sp.kind}, but ${nodeName(t)}.${tp.label} takes a ${tp.kind}.` };
  if (doc.edges.some((e) => e.target === t.id && e.targetPort === tp.name)) return { ok: false, reason: `${nodeName(t)}.${tp.label} already has an input; delete that edge first.` };
  if (reaches(doc, t.id, s.id)) return { ok: false, reason: `That would make a cycle: ${nodeName(t)} already feeds ${nodeName(s)}.` };
  return { ok: true };
}
