// The walk from an objective upstream through the estimator parts: each part's own TeX hook
// (src/nodes/<part>/tex.ts) is given its inputs' values; the nodes under the parts — the
// distributions, the data, the samples z — are named by their role in the latent structure.
// The formula (composedTex.ts) and the run name (estimator.ts) both read what it returns.
import type { GraphDoc, GraphNode } from '../../graph/document';
import { incoming, nodeById } from '../../graph/queries';
import type { LatentStructure } from '../lossStructure';
import { distributionOf, getSpec, isDataSource, outputPort } from '../registry';
import { partIndex, type DistRole, type PartDist, type PartTensor, type PartTerm, type PartValue } from '../tex';
import type { PortSpec } from '../types';

export interface PartLeaves {
  J: number;
  /** Params after the kind's schema (defaults filled). */
  params(node: GraphNode): Record<string, unknown>;
  /** A distribution node (not a part), as the parts see it. */
  dist(node: GraphNode): PartDist;
  /** A tensor output of a node that is not a part. */
  tensor(node: GraphNode, port: string): PartTensor;
  note(line: string): void;
  /** A required input of a part is not connected. */
  missing?(node: GraphNode, port: PortSpec): void;
}

export interface RoleLeafOptions {
  /** How the latent is written in the sums: z_{n,j}, z_n, \hat z_n. */
  zs: string;
  params(node: GraphNode): Record<string, unknown>;
  note(line: string): void;
  /** A tensor that is neither the data nor z (a network's output), e.g. f(z_{n,j}). */
  otherTensor?(node: GraphNode, port: string, perSample: boolean): string;
  missing?(node: GraphNode, port: PortSpec): void;
}

/** Whether `target` lies upstream of (or is) node `id`. */
function dependsOn(doc: GraphDoc, id: string, target: string): boolean {
  const seen = new Set<string>();
  const stack = [id];
  while (stack.length) {
    const n = stack.pop()!;
    if (n === target) return true;
    if (seen.has(n)) continue;
    seen.add(n);
    for (const e of doc.edges) if (e.target === n) stack.push(e.source);
  }
  return false;
}

/** Params after the kind's schema; its defaults when they do not parse. */
export function schemaParams(node: GraphNode): Record<string, unknown> {
  const spec = getSpec(node.kind);
  if (!spec) return {};
  const r = spec.params.safeParse(node.params);
  return (r.success ? r.data : spec.defaults) as Record<string, unknown>;
}

/** Leaves named by the latent structure: p(x_n | z_{n,j}), p(z), q(z | x_n), x_n, z_{n,j}. */
export function roleLeaves(doc: GraphDoc, latent: LatentStructure | undefined, J: number, o: RoleLeafOptions): PartLeaves {
  const roleOf = (id: string): DistRole | undefined =>
    id === latent?.likelihoodId ? 'likelihood' : id === latent?.priorId ? 'prior' : id === latent?.proposalId ? 'proposal' : undefined;
  return {
    J,
    params: o.params,
    note: o.note,
    missing: o.missing,
    dist(node) {
      const role = roleOf(node.id);
      const perSample = role === 'likelihood' && J > 1;
      if (role === 'likelihood') return { kind: 'dist', role, symbol: 'p', given: o.zs, held: false, perSample };
      if (role === 'proposal') return { kind: 'dist', role, symbol: 'q', given: 'x_n', held: false, perSample };
      if (role === 'prior') return { kind: 'dist', role, symbol: 'p', held: false, perSample };
      // A distribution the structure does not place: written apart from p and q.
      return { kind: 'dist', role, symbol: 'r', held: false, perSample: false };
    },
    tensor(node, port) {
      if (isDataSource(node.kind)) return { kind: 'tensor', tex: 'x_n', at: 'x', held: false, perSample: false };
      if (latent && node.id === latent.z.node && port === latent.z.port) return { kind: 'tensor', tex: o.zs, at: 'z', held: false, perSample: J > 1 };
      const perSample = J > 1 && !!latent && dependsOn(doc, node.id, latent.z.node);
      return { kind: 'tensor', tex: o.otherTensor?.(node, port, perSample) ?? '\\cdot', at: 'other', held: false, perSample };
    },
  };
}

/**
 * The value at one output, walked upstream; memoised, so a term read twice is one value. A
 * sum that feeds several parts (DReG's log weights feed the weights and the reduction) is
 * named once, log w_{n,j}, and defined under the formula.
 */
export function partWalker(doc: GraphDoc, leaves: PartLeaves): (nodeId: string, port: string) => PartValue | undefined {
  const memo = new Map<string, PartValue | undefined>();
  const visiting = new Set<string>();
  const names = new Set<string>();
  const readers = new Map<string, number>();
  for (const e of doc.edges) {
    const t = nodeById(doc, e.target);
    if (t && (getSpec(t.kind)?.partTex || getSpec(t.kind)?.objective)) readers.set(`${e.source}.${e.sourcePort}`, (readers.get(`${e.source}.${e.sourcePort}`) ?? 0) + 1);
  }

  const name = (v: PartTerm): PartTerm => {
    const base = v.log?.den.length ? 'w' : 'u';
    let sym = base;
    while (names.has(sym)) sym += "'";
    names.add(sym);
    const named = `${sym}_{${partIndex(v.perSample)}}`;
    const tex = base === 'w' ? `\\log ${named}` : named;
    leaves.note(`${tex} = ${v.tex}`);
    return { ...v, tex, sum: false, log: base === 'w' ? { num: [named], den: [] } : undefined };
  };

  const value = (nodeId: string, port: string): PartValue | undefined => {
    const key = `${nodeId}.${port}`;
    if (memo.has(key)) return memo.get(key);
    const node = nodeById(doc, nodeId);
    if (!node || visiting.has(key)) return undefined;
    const spec = getSpec(node.kind);
    let v: PartValue | undefined;
    if (spec?.partTex) {
      visiting.add(key);
      const inputs: Record<string, PartValue | undefined> = {};
      for (const ip of spec.inputs) {
        const e = incoming(doc, node.id, ip.name);
        if (e) inputs[ip.name] = value(e.source, e.sourcePort);
        else if (!ip.optional) leaves.missing?.(node, ip);
      }
      visiting.delete(key);
      v = spec.partTex({ params: leaves.params(node), inputs, J: leaves.J, note: leaves.note });
    } else if (distributionOf(node.kind)) v = leaves.dist(node);
    else if (outputPort(node.kind, port)?.kind === 'tensor') v = leaves.tensor(node, port);
    if (v?.kind === 'term' && v.sum && (readers.get(key) ?? 0) > 1) v = name(v);
    memo.set(key, v);
    return v;
  };
  return value;
}
