// Generators of bad (and nearly good) graph documents for the fuzz tests: mutations of the
// lecture graphs, graphs built at random from the node catalogue, random JSON, corrupted
// text and values only code can hand over (NaN, cycles, functions). Every generator is a
// pure description drawn by fast-check and applied deterministically, so failures shrink.
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { GRAPH_FORMAT, GRAPH_VERSION } from '../../src/graph/document';
import { nodeSpecs } from '../../src/nodes/registry';
import type { FieldSpec } from '../../src/nodes/types';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

export const lectureTexts: string[] = readdirSync('graphs')
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => readFileSync(`graphs/${f}`, 'utf8'));
const lectureDocs = (): Obj[] => lectureTexts.map((t) => JSON.parse(t) as Obj);

const kinds = [...nodeSpecs.keys()];
const portNames = [...new Set([...nodeSpecs.values()].flatMap((s) => [...s.inputs, ...s.outputs].map((p) => p.name)))];
const paramNames = [...new Set([...nodeSpecs.values()].flatMap((s) => Object.keys(s.defaults as object)))];

/** Values that tend to break things: edges of ranges, wrong types, prototype names. */
const nastyAtom: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(0, -0, 1, -1, 2, 0.5, 1e-300, 1e308, -1e308, 2 ** 31, 2 ** 53 + 1, 8192, 8193, 4096, 4097, 10_000, 10_001, 65_537, -2147483648),
  fc.constantFrom<Json>('', 'data', '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', ' ', '\u0000', '\ud800', 'NaN', 'Infinity', '1e999', 'null', '{}'),
  // Mutations edit documents in place, so an object here must be a fresh copy each time:
  // a shared one would carry one run's edits (even a cycle) into the next.
  fc.constantFrom<Json>(true, false, null, [], {}).map((v) => structuredClone(v)),
  fc.constantFrom(...kinds, ...portNames, ...paramNames),
  fc.integer({ min: -10, max: 100 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 12 }),
);

/** The key every prototype-pollution payload tries to plant; the fuzz test looks for it. */
export const POLLUTION_KEY = 'polluted';

/** What a file would carry to reach a shared prototype: under `__proto__`, or `constructor.prototype`. */
export const pollution: fc.Arbitrary<Json> = fc.constantFrom<Json>(
  { [POLLUTION_KEY]: 'yes' },
  { prototype: { [POLLUTION_KEY]: 'yes' } },
  { [POLLUTION_KEY]: { nested: 1 }, toString: 'x' },
).map((v) => structuredClone(v)); // fresh each time, as nastyAtom's objects

export const junkJson: fc.Arbitrary<Json> = fc.oneof(
  { weight: 3, arbitrary: nastyAtom },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) as fc.Arbitrary<Json> },
);

/** A value nested `depth` levels deep, in arrays or objects. */
export function nested(depth: number, inObjects: boolean, leaf: Json = 1): Json {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = inObjects ? { k: v } : [v];
  return v;
}

export type Path = (string | number)[];

/** Every path into a value, down to `maxDepth` levels. */
export function pathsOf(v: Json, path: Path = [], out: Path[] = [], maxDepth = 12): Path[] {
  out.push(path);
  if (path.length > maxDepth) return out;
  if (Array.isArray(v)) v.forEach((c, i) => pathsOf(c, [...path, i], out, maxDepth));
  else if (v && typeof v === 'object') for (const k of Object.keys(v)) pathsOf(v[k], [...path, k], out, maxDepth);
  return out;
}

export function getAt(root: Json, path: Path): Json | undefined {
  let v: Json | undefined = root;
  for (const p of path) v = v && typeof v === 'object' ? (v as Record<string | number, Json>)[p] : undefined;
  return v;
}

/** Sets (or with `value === undefined`, deletes) in place; root paths are not handled here. */
export function setAt(root: Json, path: Path, value: Json | undefined): void {
  const parent = getAt(root, path.slice(0, -1));
  const key = path[path.length - 1];
  if (!parent || typeof parent !== 'object') return;
  if (Array.isArray(parent) && typeof key === 'number') {
    if (value === undefined) parent.splice(key, 1);
    else parent[key] = value;
  } else if (!Array.isArray(parent)) {
    if (value === undefined) delete parent[key as string];
    // defineProperty, so that a key named "__proto__" becomes an own property as JSON.parse makes it.
    else Object.defineProperty(parent, key as string, { value, enumerable: true, writable: true, configurable: true });
  }
}

function retype(v: Json | undefined): Json {
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return v.length;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (Array.isArray(v)) return Object.fromEntries(v.map((x, i) => [String(i), x]));
  if (v && typeof v === 'object') return Object.values(v);
  return 0;
}

type Op =
  | { op: 'delete' | 'retype' | 'duplicate' | 'nullify'; at: number }
  | { op: 'replace'; at: number; value: Json }
  | { op: 'protoKey'; at: number; key: string; value: Json }
  | { op: 'deep'; at: number; depth: number; objects: boolean }
  | { op: 'kind'; node: number; kind: string }
  | { op: 'rewire'; edge: number; end: 'source' | 'target' | 'sourcePort' | 'targetPort'; pick: number; junk: boolean }
  | { op: 'param'; node: number; name: string; value: Json }
  | { op: 'addEdge'; from: number; to: number; fromPort: number; toPort: number }
  | { op: 'version'; value: Json | undefined }
  | { op: 'dropNode'; node: number }
  | { op: 'dupNode'; node: number }
  | { op: 'huge'; at: number; n: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constantFrom('delete' as const, 'retype' as const, 'duplicate' as const, 'nullify' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('replace' as const), at: fc.nat(), value: junkJson }),
  fc.record({ op: fc.constant('protoKey' as const), at: fc.nat(), key: fc.constantFrom('__proto__', 'constructor', 'prototype'), value: fc.oneof(pollution, junkJson) }),
  fc.record({ op: fc.constant('deep' as const), at: fc.nat(), depth: fc.integer({ min: 30, max: 300 }), objects: fc.boolean() }),
  fc.record({ op: fc.constant('kind' as const), node: fc.nat(), kind: fc.oneof(fc.constantFrom(...kinds), fc.string({ maxLength: 8 })) }),
  fc.record({ op: fc.constant('rewire' as const), edge: fc.nat(), end: fc.constantFrom('source' as const, 'target' as const, 'sourcePort' as const, 'targetPort' as const), pick: fc.nat(), junk: fc.boolean() }),
  fc.record({ op: fc.constant('param' as const), node: fc.nat(), name: fc.constantFrom(...paramNames), value: junkJson }),
  fc.record({ op: fc.constant('addEdge' as const), from: fc.nat(), to: fc.nat(), fromPort: fc.nat(), toPort: fc.nat() }),
  fc.record({ op: fc.constant('version' as const), value: fc.option(fc.constantFrom<Json>(0, 1, 2, 3, GRAPH_VERSION + 1, -1, 1.5, '2', null), { nil: undefined }) }),
  fc.record({ op: fc.constant('dropNode' as const), node: fc.nat() }),
  fc.record({ op: fc.constant('dupNode' as const), node: fc.nat() }),
  fc.record({ op: fc.constant('huge' as const), at: fc.nat(), n: fc.integer({ min: 100, max: 3000 }) }),
);

const asArray = (v: Json | undefined): Json[] => (Array.isArray(v) ? v : []);
const asObj = (v: Json | undefined): Obj | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? v : undefined);

function applyOp(doc: Obj, o: Op): void {
  const paths = pathsOf(doc).filter((p) => p.length > 0);
  const path = 'at' in o ? paths[o.at % paths.length] : [];
  const nodes = asArray(doc.nodes);
  const edges = asArray(doc.edges);
  const ids = nodes.map((n) => asObj(n)?.id).filter((x): x is string => typeof x === 'string');
  switch (o.op) {
    case 'delete':
      return setAt(doc, path, undefined);
    case 'nullify':
      return setAt(doc, path, null);
    case 'retype':
      return setAt(doc, path, retype(getAt(doc, path)));
    case 'duplicate': {
      const parent = getAt(doc, path.slice(0, -1));
      const v = getAt(doc, path);
      if (Array.isArray(parent) && v !== undefined) parent.push(structuredClone(v));
      return;
    }
    case 'replace':
      return setAt(doc, path, o.value);
    case 'protoKey': {
      const target = asObj(getAt(doc, path)) ?? doc;
      Object.defineProperty(target, o.key, { value: o.value, enumerable: true, writable: true, configurable: true });
      return;
    }
    case 'deep':
      return setAt(doc, path, nested(o.depth, o.objects, 1));
    case 'huge':
      return setAt(doc, path, Array.from({ length: o.n }, (_, i) => i));
    case 'kind': {
      const n = asObj(nodes[o.node % Math.max(1, nodes.length)]);
      if (n) n.kind = o.kind;
      return;
    }
    case 'rewire': {
      const e = asObj(edges[o.edge % Math.max(1, edges.length)]);
      if (!e) return;
      const pool = o.end === 'source' || o.end === 'target' ? ids : portNames;
      e[o.end] = o.junk || pool.length === 0 ? `missing-${o.pick % 5}` : pool[o.pick % pool.length];
      return;
    }
    case 'param': {
      const n = asObj(nodes[o.node % Math.max(1, nodes.length)]);
      const params = asObj(n?.params);
      if (params) params[o.name] = o.value;
      return;
    }
    case 'addEdge': {
      if (ids.length === 0 || !Array.isArray(doc.edges)) return;
      doc.edges.push({ id: `fz-${edges.length}`, source: ids[o.from % ids.length], sourcePort: portNames[o.fromPort % portNames.length], target: ids[o.to % ids.length], targetPort: portNames[o.toPort % portNames.length] });
      return;
    }
    case 'version':
      if (o.value === undefined) delete doc.version;
      else doc.version = o.value;
      return;
    case 'dropNode':
      if (nodes.length) nodes.splice(o.node % nodes.length, 1);
      return;
    case 'dupNode':
      if (nodes.length) nodes.push(structuredClone(nodes[o.node % nodes.length]));
      return;
  }
}

/** Plausible param values: mostly valid and small, sometimes not. */
const paramValue: fc.Arbitrary<Json> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 12 }) },
  { weight: 2, arbitrary: fc.constantFrom<Json>('data', 'synthetic', 'mnist', 'csv', 'fixed', 'learned', 'reparam', 'mean', 'analytic', 'mc', 'relu', 'tanh', 'linear', 'zeros', true, false) },
  { weight: 1, arbitrary: fc.array(fc.integer({ min: 1, max: 12 }), { maxLength: 3 }) },
  { weight: 1, arbitrary: nastyAtom },
);

/** Edits that keep a graph mostly legal, so that many mutated graphs open and get analysed. */
const benignOpArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('param' as const), node: fc.nat(), name: fc.constantFrom(...paramNames), value: paramValue }),
  fc.record({ op: fc.constant('rewire' as const), edge: fc.nat(), end: fc.constantFrom('source' as const, 'target' as const), pick: fc.nat(), junk: fc.constant(false) }),
  fc.record({ op: fc.constant('kind' as const), node: fc.nat(), kind: fc.constantFrom(...kinds) }),
  fc.record({ op: fc.constant('dropNode' as const), node: fc.nat() }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
);

/** A lecture graph with 1–4 edits applied, hostile or benign. */
export const mutatedGraph: fc.Arbitrary<Obj> = fc
  .record({ which: fc.nat(), ops: fc.array(fc.oneof(opArb, benignOpArb), { minLength: 1, maxLength: 4 }) })
  .map(({ which, ops }) => {
    const docs = lectureDocs();
    const doc = docs[which % docs.length];
    for (const o of ops) applyOp(doc, o);
    return doc;
  });

/** A lecture graph with 1–2 benign edits: mostly still a model, so it reaches the compiler. */
export const lightlyMutatedGraph: fc.Arbitrary<Obj> = fc
  .record({ which: fc.nat(), ops: fc.array(benignOpArb, { minLength: 1, maxLength: 2 }) })
  .map(({ which, ops }) => {
    const docs = lectureDocs();
    const doc = docs[which % docs.length];
    for (const o of ops) applyOp(doc, o);
    return doc;
  });

/** A value the inspector would accept for a field, picked by `choice`; sizes small when asked. */
function legalValue(f: FieldSpec, choice: number, small: boolean): Json {
  const cap = small ? 12 : 9000;
  switch (f.type) {
    case 'select':
      return f.options[choice % f.options.length].value;
    case 'boolean':
      return choice % 2 === 0;
    case 'number': {
      const lo = f.min ?? 0;
      const hi = Math.min(f.max ?? cap, Math.max(lo, cap));
      const v = lo + (choice % Math.max(1, Math.floor(hi - lo) + 1));
      return f.integer ? Math.round(v) : v + (f.integer ? 0 : 0.5);
    }
    case 'int-list':
      return Array.from({ length: choice % 3 }, (_, i) => 1 + ((choice >> (i + 2)) % cap));
    case 'dim-or-data':
      return choice % 3 === 0 ? 'data' : 1 + (choice % cap);
    case 'text':
      return `t${choice % 10}`;
  }
}

/**
 * A graph built from the catalogue: real kinds and port names wired at random, so that
 * many documents parse and reach the analysis with odd but legal structures (cycles,
 * missing inputs, mismatched sizes, two losses...). `small` keeps sizes compilable.
 */
export function builtGraph(small: boolean): fc.Arbitrary<Obj> {
  const value = small ? paramValue.filter((v) => typeof v !== 'number' || v <= 64) : paramValue;
  const nodeArb = fc.record({
    kind: fc.constantFrom(...kinds),
    // Mostly a legal value for one of the kind's own fields (from its inspector spec),
    // sometimes junk, sometimes a key that belongs to another kind.
    params: fc.array(fc.record({ field: fc.nat(), choice: fc.nat(), odd: fc.nat({ max: 9 }), value }), { maxLength: 4 }),
  });
  const edgeArb = fc.record({ from: fc.nat(), to: fc.nat(), fromPort: fc.nat(), toPort: fc.nat(), matchKind: fc.nat({ max: 9 }) });
  return fc.record({ nodes: fc.array(nodeArb, { minLength: 1, maxLength: 9 }), edges: fc.array(edgeArb, { maxLength: 14 }), dataNode: fc.boolean() }).map(({ nodes, edges, dataNode }) => {
    const all = nodes.map((n) => {
      const fields = nodeSpecs.get(n.kind)!.fields;
      const params: Obj = {};
      for (const p of n.params) {
        if (p.odd === 0) params[paramNames[p.field % paramNames.length]] = p.value;
        else if (fields.length) params[fields[p.field % fields.length].key] = p.odd === 1 ? p.value : legalValue(fields[p.field % fields.length], p.choice, small);
      }
      return { kind: n.kind, params };
    });
    if (dataNode) all.unshift({ kind: 'data', params: { source: 'synthetic', d: 6, q: 2, n: 40 } });
    const outNodes = all.map((n, i) => ({ id: `${n.kind}-${i}`, kind: n.kind, params: n.params, position: { x: i * 100, y: 0 } }));
    const outEdges = edges.map((e, i) => {
      const s = outNodes[e.from % outNodes.length];
      const outs = nodeSpecs.get(s.kind)!.outputs;
      const out = outs.length ? outs[e.fromPort % outs.length] : undefined;
      // Mostly an input of the same port kind (so the file opens and the analysis runs).
      const targets = outNodes.flatMap((t) => nodeSpecs.get(t.kind)!.inputs.filter((p) => e.matchKind === 0 || p.kind === out?.kind).map((p) => ({ t, p })));
      const pick = targets.length ? targets[e.to % targets.length] : undefined;
      return {
        id: `e${i}`,
        source: s.id,
        sourcePort: out?.name ?? 'none',
        target: pick?.t.id ?? s.id,
        targetPort: pick?.p.name ?? 'none',
      };
    });
    return { format: GRAPH_FORMAT, version: GRAPH_VERSION, meta: { title: 'fuzz' }, nodes: outNodes, edges: outEdges, training: { batchSize: 8, epochs: 1 } } as unknown as Obj;
  });
}

/** Random JSON, with or without a graph header. */
export const randomDocument: fc.Arbitrary<Json> = fc.oneof(
  fc.jsonValue({ maxDepth: 5 }) as fc.Arbitrary<Json>,
  fc.record({
    format: fc.oneof(fc.constant(GRAPH_FORMAT), junkJson),
    version: fc.oneof(fc.constantFrom<Json>(1, 2), junkJson),
    meta: junkJson,
    nodes: fc.oneof(fc.array(fc.dictionary(fc.constantFrom('id', 'kind', 'params', 'position', 'label', '__proto__', 'constructor'), fc.oneof(pollution, junkJson), { maxKeys: 5 }), { maxLength: 5 }), junkJson),
    edges: fc.oneof(fc.array(fc.dictionary(fc.constantFrom('id', 'source', 'target', 'sourcePort', 'targetPort'), junkJson, { maxKeys: 5 }), { maxLength: 5 }), junkJson),
    training: junkJson,
    viewport: junkJson,
    weights: junkJson,
  }) as fc.Arbitrary<Json>,
);

/** Text-level damage to a lecture file: cuts, insertions, brackets, overflowing numbers. */
export const corruptedText: fc.Arbitrary<string> = fc
  .record({
    which: fc.nat(),
    edits: fc.array(
      fc.record({
        at: fc.nat(),
        len: fc.integer({ min: 0, max: 40 }),
        insert: fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('[', ']', '{', '}', ',', '"', '\\', ':', '1e999', '-', 'NaN', '\u2028', '"__proto__":{"polluted":1},', '"constructor":{"prototype":{"polluted":1}},', '[[[[[[[[', '\ufeff')),
      }),
      { minLength: 1, maxLength: 4 },
    ),
  })
  .map(({ which, edits }) => {
    let text = lectureTexts[which % lectureTexts.length];
    for (const e of edits) {
      const at = e.at % (text.length + 1);
      text = text.slice(0, at) + e.insert + text.slice(at + e.len);
    }
    return text;
  });

/** Values only code can hand to parseGraphValue: NaN, ±Infinity, undefined, cycles, objects. */
export const codeOnlyValue: fc.Arbitrary<unknown> = fc
  .record({
    base: mutatedGraph,
    at: fc.nat(),
    kind: fc.constantFrom('nan', 'inf', 'undef', 'fn', 'date', 'map', 'cycle', 'sparse', 'getter', 'symbol', 'bigint', 'typed', 'nullProto'),
  })
  .map(({ base, at, kind }) => {
    const paths = pathsOf(base).filter((p) => p.length > 0);
    const path = paths[at % paths.length];
    const values: Record<string, () => unknown> = {
      nan: () => NaN,
      inf: () => -Infinity,
      undef: () => undefined,
      fn: () => () => 1,
      date: () => new Date(0),
      map: () => new Map([[1, 2]]),
      cycle: () => base,
      sparse: () => [1, , 3], // eslint-disable-line no-sparse-arrays
      getter: () => Object.defineProperty({}, 'x', { get: () => 1, enumerable: true }),
      symbol: () => Symbol('s'),
      bigint: () => 10n,
      typed: () => new Float32Array(3),
      nullProto: () => Object.assign(Object.create(null), { x: 1 }),
    };
    if (!path) return base;
    const parent = getAt(base, path.slice(0, -1)) as Record<string | number, unknown> | null;
    if (parent && typeof parent === 'object') parent[path[path.length - 1]] = values[kind]();
    return base;
  });
