// What the node search offers: every node kind of the registry and every block of the
// document, narrowed (when a connection was dropped on empty space) to those with a port
// that fits the one the drag started from, then filtered and ranked by what was typed.
import type { GraphDoc } from '../../graph/document';
import { portsOfDef } from '../../graph/blocks/ports';
import type { AnyNodeSpec, PortKind, PortSpec } from '../../nodes/types';
import { FAMILY_ORDER } from '../palette/paletteGroups';

export type SearchAdd = { kind: string } | { blockDef: string };

export interface SearchEntry {
  key: string;
  title: string;
  /** The family's title as the palette shows it ("Neural networks"), or "Blocks". */
  family: string;
  doc: string;
  add: SearchAdd;
  /** The port of the new node to connect to the dragged one, when there is a drag. */
  port?: string;
}

/** The port a connection was dragged from: `side` is that port's side. */
export interface PortFit {
  side: 'output' | 'input';
  kind: PortKind;
}

const familyTitle = (f: string) => FAMILY_ORDER.find((g) => g.family === f)?.title ?? f;

/** The new node's port that takes the dragged one: an input for an output, and back. */
function fitting(ports: { inputs: PortSpec[]; outputs: PortSpec[] }, fit: PortFit | undefined): PortSpec | undefined | null {
  if (!fit) return null;
  return (fit.side === 'output' ? ports.inputs : ports.outputs).find((p) => p.kind === fit.kind);
}

export function searchEntries(specs: Iterable<AnyNodeSpec>, blocks: GraphDoc['blocks'], fit?: PortFit): SearchEntry[] {
  const out: SearchEntry[] = [];
  for (const spec of specs) {
    // A block instance needs a definition: the document's blocks are listed below instead.
    if (spec.block) continue;
    const port = fitting(spec, fit);
    if (port === undefined) continue;
    out.push({ key: `kind:${spec.kind}`, title: spec.title, family: familyTitle(spec.family), doc: spec.doc, add: { kind: spec.kind }, port: port?.name });
  }
  for (const [id, def] of Object.entries(blocks ?? {})) {
    const port = fitting(portsOfDef(def), fit);
    if (port === undefined) continue;
    out.push({ key: `block:${id}`, title: def.title || 'Block', family: 'Blocks', doc: 'A block of this graph (its definition is shared).', add: { blockDef: id }, port: port?.name });
  }
  return out;
}

/** 0 is the best match; undefined is no match. Every word typed must appear somewhere. */
function rank(e: SearchEntry, words: string[], phrase: string): number | undefined {
  const title = e.title.toLowerCase();
  const rest = `${e.family} ${e.doc}`.toLowerCase();
  if (!words.every((w) => title.includes(w) || rest.includes(w))) return undefined;
  if (title.startsWith(phrase)) return 0;
  if (title.split(/[^a-z0-9]+/).some((t) => t.startsWith(words[0]))) return 1;
  if (title.includes(phrase)) return 2;
  if (e.family.toLowerCase().includes(phrase)) return 3;
  return 4;
}

/** The entries that match `query`, best first; ties keep the catalogue's order. */
export function filterEntries(entries: readonly SearchEntry[], query: string): SearchEntry[] {
  const phrase = query.trim().toLowerCase();
  if (!phrase) return [...entries];
  const words = phrase.split(/\s+/);
  return entries
    .map((e, i) => ({ e, i, r: rank(e, words, phrase) }))
    .filter((x): x is { e: SearchEntry; i: number; r: number } => x.r !== undefined)
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.e);
}
