// Whether the editor may draw an edge, and if not, the sentence that says why.
import type { GraphDoc } from '../graph/document';
import { nodeById, nodeName } from '../graph/queries';
import { inputPort, outputPort } from '../nodes/registry';
import { reaches } from './topoOrder';

export interface Connection {
  source: string;
  sourcePort: string;
  target: string;
  targetPort: string;
}

export type ConnectionVerdict = { ok: true } | { ok: false; reason: string };

const KIND_WORDS = { tensor: 'a tensor (a batch of vectors)', dist: 'a distribution', objective: 'a loss' } as const;

export function checkConnection(doc: GraphDoc, c: Connection): ConnectionVerdict {
  const s = nodeById(doc, c.source);
  const t = nodeById(doc, c.target);
  if (!s || !t) return { ok: false, reason: 'That node no longer exists.' };
  if (s.id === t.id) return { ok: false, reason: 'A node cannot feed itself.' };
  const sp = outputPort(s.kind, c.sourcePort);
  const tp = inputPort(t.kind, c.targetPort);
  if (!sp || !tp) return { ok: false, reason: 'Connect an output (right side) to an input (left side).' };
  if (sp.kind !== tp.kind) {
    const hint = sp.kind === 'dist' && tp.kind === 'tensor' ? ' Put a Sampler in between to draw samples from it.' : '';
    return { ok: false, reason: `${nodeName(s)}.${sp.label} gives ${KIND_WORDS[sp.kind]}, but ${nodeName(t)}.${tp.label} takes ${KIND_WORDS[tp.kind]}.${hint}` };
  }
  if (doc.edges.some((e) => e.target === t.id && e.targetPort === tp.name)) {
    return { ok: false, reason: `${nodeName(t)}.${tp.label} already has an input; delete that edge first.` };
  }
  if (reaches(doc, t.id, s.id)) return { ok: false, reason: `That would make a cycle: ${nodeName(t)} already feeds ${nodeName(s)}.` };
  return { ok: true };
}
