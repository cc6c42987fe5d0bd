// The compact formula under a node's title. Hovering it shows the kind's full formula in
// a tooltip at full size: portalled to the page, so it is readable at any canvas zoom and
// never hidden behind a neighbouring node.
import { memo, useState } from 'react';
import { createPortal } from 'react-dom';
import { useGraphStore } from '../../store';
import { analysisOf, perStructure } from '../../store/analysis';
import { getSpec } from '../../nodes/registry';
import { nodeFormula } from './nodeFormulaTex';
import { Tex } from './Tex';

interface TipAt {
  left: number;
  top: number;
}

const formulas = new WeakMap<object, Map<string, string | undefined>>();

function NodeFormulaView({ nodeId, kind }: { nodeId: string; kind: string }) {
  // A string selector: the node re-renders only when its own formula changes.
  const tex = useGraphStore((s) => perStructure(formulas, s.doc, nodeId, () => nodeFormula(s.doc, nodeId, analysisOf(s.doc))));
  const [tip, setTip] = useState<TipAt | null>(null);
  const full = getSpec(kind)?.formula;
  if (!tex) return null;
  return (
    <div
      className="node-formula"
      data-testid="node-formula"
      onMouseEnter={(e) => {
        const r = e.currentTarget.getBoundingClientRect();
        setTip({ left: Math.max(8, Math.min(r.left, window.innerWidth - 580)), top: r.bottom + 6 });
      }}
      onMouseLeave={() => setTip(null)}
    >
      <Tex tex={tex} />
      {tip && full
        ? createPortal(
            <div className="node-formula-tip" role="tooltip" data-testid="node-formula-tip" style={{ left: tip.left, top: tip.top }}>
              <Tex tex={full} display />
            </div>,
            document.body,
          )
        : null}
    </div>
  );
}

export const NodeFormula = memo(NodeFormulaView);
