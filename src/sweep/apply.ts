// One cell's graph: the estimator swaps first (exactly the variants menu's swap, which resets
// the loss's params and may bring J along), then every param, so an explicit value wins.
import type { GraphDoc } from '../graph/document';
import { estimatorOf, getSpec } from '../nodes/registry';
import { swapEstimator } from '../variants/variants';
import type { Cell } from './grid';
import { KIND_PARAM, type Axis } from './resolve';
import { parseParamValue } from './values';
import { SweepError } from './spec';

export type Applied =
  | { ok: true; doc: GraphDoc }
  /** invalid: a value the schema refuses (the sweep stops before training); otherwise the cell fails and the sweep goes on. */
  | { ok: false; invalid: boolean; reason: string };

function swapRefusal(kind: string): string {
  const spec = getSpec(kind);
  const why = estimatorOf(kind)?.pointEstimate ? `${spec?.title ?? kind} needs an encoder q(z|x) that looks at x, and this graph's loss has none` : 'the swap does not fit this graph';
  return `the estimator cannot be swapped to ${kind} (${why}); the variants menu does not offer it either`;
}

export function applyCell(doc: GraphDoc, axes: Axis[], cell: Cell): Applied {
  let out: GraphDoc = structuredClone(doc);
  for (let i = 0; i < axes.length; i++) {
    const axis = axes[i];
    if (axis.param !== KIND_PARAM) continue;
    const kind = cell.values[i];
    if (out.nodes.find((n) => n.id === axis.nodeId)!.kind === kind) continue;
    const next = swapEstimator(out, kind);
    if (!next) return { ok: false, invalid: false, reason: `${axis.name}=${kind}: ${swapRefusal(kind)}` };
    out = next;
  }
  for (let i = 0; i < axes.length; i++) {
    const axis = axes[i];
    if (axis.param === KIND_PARAM) continue;
    const node = out.nodes.find((n) => n.id === axis.nodeId)!;
    const text = cell.values[i];
    const r = parseParamValue(node, axis.param, text);
    if (!r.ok) {
      const kindSwept = axes.some((a) => a.param === KIND_PARAM && a.nodeId === axis.nodeId);
      // A param the swapped-in estimator does not have: this cell does not exist, the others do.
      if (r.unknownParam && kindSwept) return { ok: false, invalid: false, reason: `${axis.name}=${text}: ${r.reason}` };
      return { ok: false, invalid: true, reason: `--set ${axis.arg}: the value ${JSON.stringify(text)} is refused by the ${axis.param} param of node ${node.id} (as ${node.kind}): ${r.reason}.` };
    }
    node.params = { ...node.params, [axis.param]: r.value };
  }
  return { ok: true, doc: out };
}

/** Every cell's graph, or why it fails; throws the first refused value, so that nothing trains. */
export function applyAll(doc: GraphDoc, axes: Axis[], cells: Cell[]): Applied[] {
  const applied = cells.map((c) => applyCell(doc, axes, c));
  const invalid = applied.find((a) => !a.ok && a.invalid);
  if (invalid && !invalid.ok) throw new SweepError(invalid.reason);
  return applied;
}
