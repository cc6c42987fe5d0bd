// The --set arguments against the graph: each node found by id or label, each param checked
// against the node's kind, each value read by its schema — all before anything trains.
import type { GraphDoc, GraphNode } from '../graph/document';
import { estimatorOf, getSpec } from '../nodes/registry';
import { ESTIMATOR_KINDS } from '../variants/variants';
import { lossNodeOf } from '../panels/runs/estimatorName';
import { SweepError, type SetSpec } from './spec';
import { paramKeys, parseParamValue } from './values';

/** The param that swaps a loss node's estimator, as the variants menu does. */
export const KIND_PARAM = 'kind';

/** One axis of the grid: a node's param and the values it takes. */
export interface Axis {
  /** The --set argument as given. */
  arg: string;
  /** NODE.PARAM as written, naming the axis in tables and progress lines. */
  name: string;
  nodeId: string;
  param: string;
  values: string[];
}

const describe = (n: GraphNode) => (n.label ? `${n.id} ("${n.label}")` : n.id);

/** The node `text` names: an id (exact), else a label (exact, case-insensitive). */
export function resolveNode(doc: GraphDoc, text: string, arg: string): GraphNode {
  const byId = doc.nodes.find((n) => n.id === text);
  if (byId) return byId;
  const lower = text.toLowerCase();
  const byLabel = doc.nodes.filter((n) => (n.label ?? '').toLowerCase() === lower);
  if (byLabel.length === 1) return byLabel[0];
  if (byLabel.length > 1) throw new SweepError(`--set ${arg}: the label "${text}" names ${byLabel.length} nodes (${byLabel.map((n) => n.id).join(', ')}); use one of their ids.`);
  const blocks = Object.keys(doc.blocks ?? {}).length ? ' (nodes inside a block are not reached; ungroup it first)' : '';
  throw new SweepError(`--set ${arg}: no node has the id or label "${text}"${blocks}; the nodes are ${doc.nodes.map(describe).join(', ')}.`);
}

/** Checks a `kind` axis: the node must be the loss the variants menu swaps, each value an estimator. */
function checkKindAxis(doc: GraphDoc, node: GraphNode, set: SetSpec) {
  const loss = lossNodeOf(doc);
  if (!estimatorOf(node.kind) || !loss || loss.id !== node.id) {
    throw new SweepError(`--set ${set.arg}: only the graph's loss can change kind (the estimator swap of the variants menu)${loss ? `; that is node ${describe(loss)}` : '; this graph has none'}.`);
  }
  if (estimatorOf(node.kind)?.composed) throw new SweepError(`--set ${set.arg}: ${describe(node)} is an objective built from parts; its estimator is its parts, which a swap would not keep (sweep their params instead).`);
  for (const v of set.values) {
    if (v !== node.kind && !ESTIMATOR_KINDS.includes(v)) throw new SweepError(`--set ${set.arg}: "${v}" is not an estimator; the estimators are ${ESTIMATOR_KINDS.join(', ')}.`);
  }
}

/**
 * The axes of the sweep, checked against the graph. A param of a node whose kind another
 * --set swaps is read per cell (apply.ts), against the kind it has there; it must belong to at
 * least one of those kinds.
 */
export function resolveAxes(doc: GraphDoc, sets: SetSpec[]): Axis[] {
  const axes: Axis[] = [];
  const resolved = sets.map((s) => ({ set: s, node: resolveNode(doc, s.node, s.arg) }));
  for (const { set, node } of resolved) {
    const name = `${set.node}.${set.param}`;
    const twice = axes.find((a) => a.nodeId === node.id && a.param === set.param);
    if (twice) throw new SweepError(`--set ${set.arg}: the ${set.param} of node ${describe(node)} is already swept by --set ${twice.arg}; give all its values in one --set.`);
    if (set.param === KIND_PARAM) {
      checkKindAxis(doc, node, set);
    } else {
      const kindAxis = resolved.find((r) => r.node.id === node.id && r.set.param === KIND_PARAM);
      const kinds = kindAxis ? [...new Set([node.kind, ...kindAxis.set.values])] : [node.kind];
      const having = kinds.filter((k) => paramKeys(getSpec(k)!).includes(set.param));
      if (having.length === 0) {
        const r = parseParamValue(node, set.param, set.values[0]);
        throw new SweepError(`--set ${set.arg}: ${r.ok ? `${set.param} is not a param of ${kinds.join(' or ')}` : r.reason}.`);
      }
      // Values are read now where the kind is fixed; a swapped kind reads them per cell.
      if (!kindAxis) {
        for (const v of set.values) {
          const r = parseParamValue(node, set.param, v);
          if (!r.ok) throw new SweepError(`--set ${set.arg}: the value ${JSON.stringify(v)} is refused by the ${set.param} param of node ${describe(node)}: ${r.reason}.`);
        }
      }
    }
    axes.push({ arg: set.arg, name, nodeId: node.id, param: set.param, values: set.values });
  }
  return axes;
}
