// Copied nodes as text: the selected nodes and the edges among them, in a small JSON
// envelope that can travel through the system clipboard (to another tab, another graph).
// Text read back from the clipboard is untrusted: it is checked like a file is (schemas,
// known kinds, valid params, ports that exist) before anything is pasted. Pure, no DOM.
import { z } from 'zod';
import { edgeSchema, nodeSchema, type GraphDoc, type GraphEdge, type GraphNode } from '../../graph/document';
import { LIMITS } from '../../graph/limits';
import { getSpec, inputPort, outputPort } from '../../nodes/registry';

export const CLIPBOARD_FORMAT = 'latent-canvas.nodes';
export const CLIPBOARD_VERSION = 1;

/** Nodes and the edges whose both ends are among them. */
export interface Fragment {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** The selected nodes and the edges among them (edges to outside nodes are left behind). */
export function copyFragment(doc: GraphDoc, nodeIds: Iterable<string>): Fragment | undefined {
  const ids = new Set(nodeIds);
  const nodes = doc.nodes.filter((n) => ids.has(n.id));
  if (nodes.length === 0) return undefined;
  const kept = new Set(nodes.map((n) => n.id));
  const edges = doc.edges.filter((e) => kept.has(e.source) && kept.has(e.target));
  return structuredClone({ nodes, edges });
}

export function fragmentToText(f: Fragment): string {
  return JSON.stringify({ format: CLIPBOARD_FORMAT, version: CLIPBOARD_VERSION, nodes: f.nodes, edges: f.edges });
}

const envelopeSchema = z.object({
  format: z.literal(CLIPBOARD_FORMAT),
  version: z.literal(CLIPBOARD_VERSION),
  nodes: z.array(nodeSchema).min(1).max(LIMITS.nodes),
  edges: z.array(edgeSchema).max(LIMITS.edges),
});

export type FragmentParse = { ok: true; fragment: Fragment } | { ok: false; reason: string };

/** Clipboard text → a fragment that is safe to paste, or why not ('' when it is not ours at all). */
export function fragmentFromText(text: string): FragmentParse {
  if (text.length > LIMITS.fileChars || !text.includes(CLIPBOARD_FORMAT)) return { ok: false, reason: '' };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, reason: '' };
  }
  const parsed = envelopeSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: 'The copied nodes could not be read (they were changed, or copied from a newer version).' };
  const nodes: GraphNode[] = [];
  for (const n of parsed.data.nodes) {
    const spec = getSpec(n.kind);
    if (!spec) return { ok: false, reason: `The copied nodes include an unknown kind "${n.kind.slice(0, 60)}".` };
    const params = spec.params.safeParse(n.params);
    if (!params.success) return { ok: false, reason: `The copied node ${n.id} has invalid settings.` };
    nodes.push({ ...n, params: params.data as Record<string, unknown> });
  }
  const byId = new Map(nodes.map((n) => [n.id, n]));
  if (byId.size !== nodes.length) return { ok: false, reason: 'The copied nodes repeat an id.' };
  const taken = new Set<string>();
  const edges = parsed.data.edges.filter((e) => {
    const s = byId.get(e.source);
    const t = byId.get(e.target);
    const key = `${e.target}\u0000${e.targetPort}`;
    if (!s || !t || !outputPort(s.kind, e.sourcePort) || !inputPort(t.kind, e.targetPort) || taken.has(key)) return false;
    taken.add(key);
    return true;
  });
  return { ok: true, fragment: { nodes, edges } };
}
