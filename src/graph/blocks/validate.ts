// What a document's block definitions must satisfy (the parser refuses a file that breaks
// any of it; the editor asks before every edit, through docLimits.ts): every definition's
// nodes have known kinds and valid params, its edges join ports that exist and agree, its
// boundary ports name inner ports of their kind, no definition contains itself (directly or
// through others), blocks nest at most MAX_BLOCK_DEPTH deep, and the inner nodes count
// toward the node limit — both as stored and as the flattened graph the compiler builds.
import type { BlockDef, GraphDoc, GraphNode } from '../document';
import { LIMITS, formatLimit } from '../limits';
import { quote } from '../problems';
import { getSpec } from '../../nodes/registry';
import { MAX_BLOCK_DEPTH } from './flatten';
import { blockIdOf, isBlockNode, portLookup } from './ports';

const own = (o: object | undefined, k: string) => o !== undefined && Object.prototype.hasOwnProperty.call(o, k);

const plural = (n: number, one: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : `${one}s`}`;

/** Nodes the document stores: its own and every definition's. */
export function storedNodeCount(doc: Pick<GraphDoc, 'nodes' | 'blocks'>): number {
  let n = doc.nodes.length;
  for (const def of Object.values(doc.blocks ?? {})) n += def.nodes.length;
  return n;
}

/**
 * The nodes of the flattened graph, without building it (undefined past `cap`, or when a
 * definition contains itself). Memoised per definition.
 */
export function flatNodeCount(doc: Pick<GraphDoc, 'nodes' | 'blocks'>, cap = LIMITS.nodes): number | undefined {
  const memo = new Map<string, number | undefined>();
  const onStack = new Set<string>();
  const countNodes = (nodes: readonly GraphNode[]): number | undefined => {
    let total = 0;
    for (const n of nodes) {
      const id = isBlockNode(n) ? blockIdOf(n) : undefined;
      const c = id !== undefined && own(doc.blocks, id) ? countDef(id) : 1;
      if (c === undefined) return undefined;
      total += c;
      if (total > cap) return undefined;
    }
    return total;
  };
  const countDef = (id: string): number | undefined => {
    if (memo.has(id)) return memo.get(id);
    if (onStack.has(id)) return undefined;
    onStack.add(id);
    const c = countNodes(doc.blocks![id].nodes);
    onStack.delete(id);
    memo.set(id, c);
    return c;
  };
  return countNodes(doc.nodes);
}

/** The chain of definitions through which `id` contains itself, or undefined. */
function selfContaining(blocks: Record<string, BlockDef>, start: string): string[] | undefined {
  const uses = (id: string) => blocks[id].nodes.map((n) => (isBlockNode(n) ? blockIdOf(n) : undefined)).filter((d): d is string => d !== undefined && own(blocks, d));
  const path: string[] = [];
  const seen = new Set<string>();
  const walk = (id: string): string[] | undefined => {
    path.push(id);
    for (const d of uses(id)) {
      if (d === start) return [...path, d];
      if (seen.has(d)) continue;
      seen.add(d);
      const found = walk(d);
      if (found) return found;
    }
    path.pop();
    return undefined;
  };
  return walk(start);
}

/** Depth of nesting below a definition (1: no block inside). Assumes no self-containment. */
function depthOf(blocks: Record<string, BlockDef>, id: string, memo = new Map<string, number>()): number {
  const known = memo.get(id);
  if (known !== undefined) return known;
  memo.set(id, 1);
  let d = 1;
  for (const n of blocks[id].nodes) {
    const inner = isBlockNode(n) ? blockIdOf(n) : undefined;
    if (inner !== undefined && own(blocks, inner)) d = Math.max(d, 1 + depthOf(blocks, inner, memo));
  }
  memo.set(id, d);
  return d;
}

/** Problems of one definition's own contents (its nodes, edges and boundary). */
export function definitionProblems(blocks: Record<string, BlockDef>, id: string, checkParams = true): string[] {
  const def = blocks[id];
  const name = `Block ${quote(def.title || id, 40)}`;
  const out: string[] = [];
  const ids = new Set<string>();
  for (const n of def.nodes) {
    if (ids.has(n.id)) out.push(`${name}: two nodes have the id ${quote(n.id, 40)}.`);
    ids.add(n.id);
    const spec = getSpec(n.kind);
    if (!spec) {
      out.push(`${name}: node ${quote(n.id, 40)} has an unknown kind ${quote(n.kind, 40)}.`);
      continue;
    }
    if (checkParams && !spec.params.safeParse(n.params).success) out.push(`${name}: a setting of node ${quote(n.id, 40)} is not valid for a ${spec.title} node.`);
    const inner = isBlockNode(n) ? blockIdOf(n) : undefined;
    if (isBlockNode(n) && (inner === undefined || !own(blocks, inner))) out.push(`${name}: node ${quote(n.id, 40)} is an instance of a block ${quote(inner ?? '', 40)} that the graph does not have.`);
  }
  const ports = portLookup(def.nodes, blocks);
  const fed = new Set<string>();
  const edgeIds = new Set<string>();
  for (const e of def.edges) {
    const conn = `${name}: the connection ${quote(e.id, 60)}`;
    if (edgeIds.has(e.id)) out.push(`${name}: two connections have the id ${quote(e.id, 60)}.`);
    edgeIds.add(e.id);
    if (!ports.node(e.source) || !ports.node(e.target)) {
      out.push(`${conn} leads to a node the block does not have.`);
      continue;
    }
    const sp = ports.output(e.source, e.sourcePort);
    const tp = ports.input(e.target, e.targetPort);
    if (!sp || !tp) out.push(`${conn} uses a port that does not exist.`);
    else if (sp.kind !== tp.kind) out.push(`${conn} joins a ${sp.kind} output to a ${tp.kind} input.`);
    const key = `${e.target}\u0000${e.targetPort}`;
    if (fed.has(key)) out.push(`${name}: input ${quote(e.targetPort, 40)} of node ${quote(e.target, 40)} has two connections; an input takes one.`);
    fed.add(key);
  }
  for (const side of ['inputs', 'outputs'] as const) {
    const names = new Set<string>();
    for (const b of def[side]) {
      const what = `${name}: the ${side === 'inputs' ? 'input' : 'output'} port ${quote(b.name, 40)}`;
      if (names.has(b.name)) out.push(`${what} is listed twice.`);
      names.add(b.name);
      if (!ports.node(b.node)) {
        out.push(`${what} stands for a node ${quote(b.node, 40)} the block does not have.`);
        continue;
      }
      const inner = side === 'inputs' ? ports.input(b.node, b.port) : ports.output(b.node, b.port);
      if (!inner) out.push(`${what} stands for a port ${quote(b.port, 40)} that node ${quote(b.node, 40)} does not have.`);
      else if (inner.kind !== b.kind) out.push(`${what} is a ${b.kind} port, but the inner port it stands for is a ${inner.kind} port.`);
      if (side === 'inputs') {
        const key = `${b.node}\u0000${b.port}`;
        if (fed.has(key)) out.push(`${what} feeds input ${quote(b.port, 40)} of node ${quote(b.node, 40)}, which already has a connection inside the block.`);
        fed.add(key);
      }
    }
  }
  return out;
}

const cache = new WeakMap<object, WeakMap<readonly GraphNode[], string[]>>();
const NO_BLOCKS = {};

/**
 * Every problem of the document's blocks, as sentences; empty when they are sound. Cached
 * per blocks section and node list (an edit that touches neither costs a lookup).
 */
export function blockProblems(doc: Pick<GraphDoc, 'nodes' | 'blocks'>): string[] {
  const blocks = doc.blocks;
  if ((!blocks || Object.keys(blocks).length === 0) && !doc.nodes.some(isBlockNode)) return [];
  const key = blocks ?? NO_BLOCKS;
  let perNodes = cache.get(key);
  if (!perNodes) cache.set(key, (perNodes = new WeakMap()));
  let out = perNodes.get(doc.nodes);
  if (!out) perNodes.set(doc.nodes, (out = computeProblems(doc)));
  return out;
}

function computeProblems(doc: Pick<GraphDoc, 'nodes' | 'blocks'>): string[] {
  const blocks = doc.blocks ?? {};
  const out: string[] = [];
  for (const n of doc.nodes) {
    if (!isBlockNode(n)) continue;
    const id = blockIdOf(n);
    if (id === undefined || !own(blocks, id)) out.push(`Node ${quote(n.id, 40)} is an instance of a block ${quote(id ?? '', 40)} that the graph does not have.`);
  }
  const ids = Object.keys(blocks);
  for (const id of ids) out.push(...definitionProblems(blocks, id));
  for (const id of ids) {
    const loop = selfContaining(blocks, id);
    if (loop) {
      out.push(`Block ${quote(blocks[id].title || id, 40)} contains itself (${loop.map((d) => quote(blocks[d].title || d, 30)).join(' › ')}); a block cannot hold an instance of itself.`);
      return out;
    }
  }
  for (const id of ids) {
    if (depthOf(blocks, id) > MAX_BLOCK_DEPTH) {
      out.push(`Blocks nest more than ${MAX_BLOCK_DEPTH} levels deep (inside ${quote(blocks[id].title || id, 40)}); that is the limit.`);
      break;
    }
  }
  const edges = Object.values(blocks).reduce((n, d) => n + d.edges.length, 0);
  if (edges > LIMITS.edges) out.push(`The blocks hold ${plural(edges, 'connection')}; a graph holds at most ${formatLimit('edges')}.`);
  const stored = storedNodeCount(doc);
  if (stored > LIMITS.nodes) out.push(`The graph and its blocks would hold ${plural(stored, 'node')}; a graph holds at most ${formatLimit('nodes')}.`);
  else if (flatNodeCount(doc) === undefined) out.push(`With every block expanded, the graph would have more than ${formatLimit('nodes')} nodes, the limit for a graph.`);
  return out;
}
