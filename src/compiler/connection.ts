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

const KIND_WORDS = { tensor: 'a tensor (a batch of vectors)', dist: 'a distribution', term: 'a per-sample term', objective: 'a loss' } as const;

/** What to put between two ports of kinds that do not connect, where one thing fits. */
const MISMATCH_HINTS: Record<string, string> = {
  'dist→tensor': ' Put a Sampler in between to draw samples from it.',
  'dist→term': ' Put a Log-density in between to evaluate it at the data or at samples.',
  'tensor→term': ' Put a Log-density in between: it evaluates a distribution at this value.',
  'term→objective': ' Put an Objective after it (reduced over samples first).',
};

export function checkConnection(doc: GraphDoc, c: Connection): ConnectionVerdict {
  const s = nodeById(doc, c.source);
  const t = nodeById(doc, c.target);
  if (!s || !t) return { ok: false, reason: 'That node no longer exists.' };
  if (s.id === t.id) return { ok: false, reason: 'A node cannot feed itself.' };
  const sp = outputPort(s.kind, c.sourcePort);
  const tp = inputPort(t.kind, c.targetPort);
  if (!sp || !tp) return { ok: false, reason: 'Connect an output (right side) to an input (left side).' };
  if (sp.kind !== tp.kind) {
    const hint = MISMATCH_HINTS[`${sp.kind}→${tp.kind}`] ?? '';
    return { ok: false, reason: `${nodeName(s)}.${sp.label} gives ${KIND_WORDS[sp.kind]}, but ${nodeName(t)}.${tp.label} takes ${KIND_WORDS[tp.kind]}.${hint}` };
  }
  if (doc.edges.some((e) => e.target === t.id && e.targetPort === tp.name)) {
    return { ok: false, reason: `${nodeName(t)}.${tp.label} already has an input; delete that edge first.` };
  }
  if (reaches(doc, t.id, s.id)) return { ok: false, reason: `That would make a cycle: ${nodeName(t)} already feeds ${nodeName(s)}.` };
  return { ok: true };
}
