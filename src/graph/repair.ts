// The repair pass on load (after excalidraw's restore): fixes what can be fixed without
// guessing, and says so in a warning per repair that names the node or edge. What cannot
// be fixed safely is an error, and the file is refused.
//
// Repaired, with a warning:
//   R1 a node position that is missing → (0, 0); non-finite → 0; beyond ±LIMITS.coordinate
//      → clamped. Positions only place a box on the canvas; the model does not change.
//   R2 a viewport with a non-finite value, or a zoom outside (0, LIMITS.zoom] → the default
//      view. Cosmetic, like R1.
//   R3 unknown fields (top level, meta, training, viewport, nodes, edges, node params) →
//      ignored. Nothing reads them; an older app reading a newer file is refused by the
//      version check instead, so these are typos or leftovers.
//   R4 an edge whose id repeats an earlier edge's → renamed `id~2` (ids only label edges).
//   R5 an edge from or to a node that does not exist, or to a port its node does not have
//      → dropped. There is nothing for it to connect; the analysis then says which input
//      is left unconnected.
//   R6 a second edge into an input that already has one → dropped (an input takes one
//      edge; the first in the file wins, as the editor would have kept it).
//   Missing params and sections get their defaults silently: defaults are part of the format.
// Errors (not repaired): duplicate node ids (which edges would belong to which node?),
// unknown node kinds and invalid params (the model would silently change), an edge that
// joins a tensor output to a distribution input (both ends exist; which one is wrong is a
// guess), anything the schema refuses, and all hostile input (sanitize.ts).
import type { z } from 'zod';
import { LIMITS } from './limits';
import { paramLimitText } from '../nodes/paramLimits';
import { Problems, addZodIssues, edgeRef, nodeRef, quote } from './problems';
import { edgeSchema, graphDocSchema, metaSchema, nodeSchema, trainingSchema, viewportSchema, type GraphDoc, type GraphEdge } from './document';
import type { JsonObject, Json } from './migrations';
import { getSpec, nodeSpecs } from '../nodes/registry';
import { portLookup } from './blocks/ports';

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Positions and viewport numbers that sanitize.ts leaves for R1/R2 to repair. */
export function isLayoutNumber(path: readonly PropertyKey[]): boolean {
  return (path.length === 4 && path[0] === 'nodes' && path[2] === 'position' && (path[3] === 'x' || path[3] === 'y')) || (path.length === 2 && path[0] === 'viewport');
}

function fixCoordinate(v: Json): { value: Json; changed: boolean } {
  if (typeof v !== 'number') return { value: v, changed: false };
  if (!Number.isFinite(v)) return { value: 0, changed: true };
  const c = Math.max(-LIMITS.coordinate, Math.min(LIMITS.coordinate, v));
  return { value: c, changed: c !== v };
}

/** R1 and R2, on the JSON before the schema sees it. Returns a new object. */
export function repairLayout(doc: Readonly<JsonObject>, warnings: Problems): JsonObject {
  const out: JsonObject = { ...doc };
  if (Array.isArray(doc.nodes)) {
    out.nodes = doc.nodes.map((node, i) => {
      if (!isObject(node)) return node;
      if (node.position === undefined) {
        warnings.add(`${nodeRef(i, node)} had no position; it was placed at (0, 0).`);
        return { ...node, position: { x: 0, y: 0 } };
      }
      if (!isObject(node.position)) return node;
      const x = fixCoordinate(node.position.x);
      const y = fixCoordinate(node.position.y);
      if (!x.changed && !y.changed) return node;
      warnings.add(`${nodeRef(i, node)} had a position off the canvas; it was moved to (${x.value}, ${y.value}).`);
      return { ...node, position: { ...node.position, x: x.value, y: y.value } };
    });
  }
  const vp = doc.viewport;
  if (isObject(vp)) {
    const nums = [vp.x, vp.y, vp.zoom];
    const broken = nums.some((n) => typeof n === 'number' && !Number.isFinite(n)) || (typeof vp.zoom === 'number' && !(vp.zoom > 0 && vp.zoom <= LIMITS.zoom));
    if (broken) {
      warnings.add(`viewport had an unusable position or zoom; the default view is used instead.`);
      out.viewport = { x: 0, y: 0, zoom: 1 };
    }
  }
  return out;
}

const keysOf = (schema: { shape: object }) => new Set(Object.keys(schema.shape));
const KNOWN = {
  top: keysOf(graphDocSchema),
  meta: keysOf(metaSchema),
  training: keysOf(trainingSchema),
  viewport: keysOf(viewportSchema),
  node: keysOf(nodeSchema),
  edge: keysOf(edgeSchema),
};

function unknownKeys(v: Json | undefined, known: ReadonlySet<string>): string[] {
  return isObject(v) ? Object.keys(v).filter((k) => !known.has(k)) : [];
}

function noteIgnored(warnings: Problems, where: string, keys: string[]) {
  if (keys.length === 0) return;
  const shown = keys.slice(0, 5).map((k) => quote(k, 40)).join(', ');
  const more = keys.length > 5 ? ` and ${keys.length - 5} more` : '';
  warnings.add(`${where}: ignored the unknown field${keys.length > 1 ? 's' : ''} ${shown}${more}.`);
}

/** R3 for the document's own objects (node params are handled with their kind). */
export function noteUnknownFields(doc: Readonly<JsonObject>, warnings: Problems): void {
  noteIgnored(warnings, 'the file', unknownKeys(doc, KNOWN.top));
  for (const section of ['meta', 'training', 'viewport'] as const) noteIgnored(warnings, section, unknownKeys(doc[section], KNOWN[section]));
  if (Array.isArray(doc.nodes)) doc.nodes.forEach((n, i) => noteIgnored(warnings, nodeRef(i, n), unknownKeys(n, KNOWN.node)));
  if (Array.isArray(doc.edges)) doc.edges.forEach((e, i) => noteIgnored(warnings, edgeRef(i, e), unknownKeys(e, KNOWN.edge)));
}

function paramKeys(kind: string): ReadonlySet<string> | undefined {
  const schema = getSpec(kind)?.params as unknown as { shape?: object } | undefined;
  return schema?.shape ? new Set(Object.keys(schema.shape)) : undefined;
}

const an = (word: string) => (/^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`);

const knownKinds = () => [...nodeSpecs.keys()].join(', ');

/**
 * Kinds, params, ids and edges: what the schema alone cannot know. Adds errors, applies
 * R3 (params), R4, R5 and R6, and returns the document with its edges repaired.
 */
export function repairReferences(doc: GraphDoc, errors: Problems, warnings: Problems): GraphDoc {
  const kinds = new Map<string, string>();
  doc.nodes.forEach((n, i) => {
    const ref = nodeRef(i, n);
    if (kinds.has(n.id)) errors.add(`${ref}: the id ${quote(n.id)} is used by two nodes.`);
    else kinds.set(n.id, n.kind);
    const spec = getSpec(n.kind);
    if (!spec) return void errors.add(`${ref}: unknown node kind ${quote(n.kind)} (the kinds are ${knownKinds()}).`);
    const p = spec.params.safeParse(n.params, { reportInput: true });
    if (!p.success) addZodIssues(errors, p.error as z.ZodError, `${ref} params`, (issue) => (issue.code === 'too_big' ? paramLimitText(n.kind, issue.path) : undefined));
    noteIgnored(warnings, `${ref} params`, unknownKeys(n.params as JsonObject, paramKeys(n.kind) ?? new Set(Object.keys(n.params))));
  });

  // A block instance's ports are its definition's (format version 3): ask the document.
  const ports = portLookup(doc.nodes, doc.blocks);
  const edges: GraphEdge[] = [];
  const edgeIds = new Set<string>();
  const fed = new Set<string>();
  doc.edges.forEach((e, i) => {
    const ref = edgeRef(i, e);
    const sk = kinds.get(e.source);
    const tk = kinds.get(e.target);
    if (sk === undefined) return void warnings.add(`${ref} was dropped: its source node ${quote(e.source)} does not exist.`);
    if (tk === undefined) return void warnings.add(`${ref} was dropped: its target node ${quote(e.target)} does not exist.`);
    const sp = ports.output(e.source, e.sourcePort);
    const tp = ports.input(e.target, e.targetPort);
    if (getSpec(sk) && !sp) return void warnings.add(`${ref} was dropped: node ${quote(e.source)} (${sk}) has no output ${quote(e.sourcePort)}.`);
    if (getSpec(tk) && !tp) return void warnings.add(`${ref} was dropped: node ${quote(e.target)} (${tk}) has no input ${quote(e.targetPort)}.`);
    if (sp && tp && sp.kind !== tp.kind) errors.add(`${ref}: connects ${an(sp.kind)} output to ${an(tp.kind)} input (${quote(e.source)}.${e.sourcePort} → ${quote(e.target)}.${e.targetPort}).`);
    const key = `${e.target}\u0000${e.targetPort}`;
    if (fed.has(key)) return void warnings.add(`${ref} was dropped: input ${quote(e.targetPort)} of node ${quote(e.target)} already has an edge.`);
    fed.add(key);
    let id = e.id;
    if (edgeIds.has(id)) {
      const base = id.slice(0, LIMITS.edgeIdChars - 8);
      for (let k = 2; edgeIds.has(id); k++) id = `${base}~${k}`;
      warnings.add(`${ref} has the same id as an earlier edge; it was renamed ${quote(id)}.`);
    }
    edgeIds.add(id);
    edges.push(id === e.id ? e : { ...e, id });
  });
  return edges.length === doc.edges.length && edges.every((e, i) => e === doc.edges[i]) ? doc : { ...doc, edges };
}
