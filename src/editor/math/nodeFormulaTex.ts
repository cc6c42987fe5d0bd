// The short formula a node shows under its title: what this node computes, as it is set
// and wired (a Gaussian with no inputs is a prior N(0, ν²I_q), with a log-variance input a
// diagonal encoder…). The kind's full formula (spec.formula) is shown in the inspector and
// on hover. Each kind writes its own (spec.summaryTex); this fills in the wiring. Pure;
// numbers come from validated params only, never text from the file.
import { dimOf } from '../../nodes/types';
import type { GraphDoc, GraphNode } from '../../graph/document';
import { incoming } from '../../graph/queries';
import { getSpec } from '../../nodes/registry';
import { texNumber } from '../../nodes/tex';
import type { SummaryWiring } from '../../nodes/capabilities';
import type { Analysis } from '../../compiler/analyze';

function paramsOf(node: GraphNode): Record<string, unknown> {
  const spec = getSpec(node.kind);
  if (!spec) return {};
  const r = spec.params.safeParse(node.params);
  return (r.success ? r.data : spec.defaults) as Record<string, unknown>;
}

/**
 * The compact formula for one node of the document ('' when there is none). With the
 * document's analysis, sizes given as "data" and input widths are filled in.
 */
export function nodeFormula(doc: GraphDoc, nodeId: string, analysis?: Analysis): string {
  const node = doc.nodes.find((n) => n.id === nodeId);
  if (!node) return '';
  const spec = getSpec(node.kind);
  if (!spec?.summaryTex) return spec?.formula ?? '';
  const inEdge = incoming(doc, node.id, 'in');
  const inShape = inEdge ? analysis?.edgeShapes.get(inEdge.id) : undefined;
  const wiring: SummaryWiring = {
    has: (port) => !!incoming(doc, node.id, port),
    inDim: dimOf(inShape),
    size: (u) => {
      const v = u === 'data' ? analysis?.dataDim : u;
      return typeof v === 'number' ? texNumber(v) : u === 'data' ? 'd' : '\\cdot';
    },
  };
  return spec.summaryTex(paramsOf(node), wiring);
}
