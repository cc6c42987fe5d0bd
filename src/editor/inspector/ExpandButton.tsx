// "Expand into parts" for a built-in estimator: the store replaces the node by its parts,
// wired to the same inputs (src/nodes/expand.ts), in one document change, so one undo
// brings the single loss back. The exact NLL is its own expansion and says so.
import type { GraphNode } from '../../graph/document';
import { isExpandable } from '../../nodes/expand';
import { useGraphStore } from '../../store';

export function ExpandButton({ node }: { node: GraphNode }) {
  const expand = useGraphStore((s) => s.expandEstimator);
  if (!isExpandable(node)) return null;
  return (
    <button type="button" data-testid="expand-estimator" title="Replace this estimator by the parts it is made of, wired to the same inputs" onClick={() => expand(node.id)}>
      Expand into parts
    </button>
  );
}
