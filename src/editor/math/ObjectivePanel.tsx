// The graph's whole training objective as one formula, above the canvas. Recomputed when
// the graph's structure changes (a pure function of it); KaTeX output is memoised by TeX.
import { useMemo, useState } from 'react';
import { useGraphStore } from '../../store';
import { analysisOf, structureOf } from '../../store/analysis';
import { objectiveFormula } from '../../compiler/objectiveFormula';
import { objectivesOf } from '../../compiler/objectiveScope';
import { getSpec } from '../../nodes/registry';
import { flattenBlocks } from '../../graph/blocks/flatten';
import { Tex } from './Tex';
import './objectivePanel.css';

export function ObjectivePanel() {
  // Keyed on the graph's structure, not the document: dragging a node leaves it alone.
  const structure = useGraphStore((s) => structureOf(s.doc));
  const { tex, problems, lossKind, count } = useMemo(() => {
    const root = useGraphStore.getState().doc;
    const doc = flattenBlocks(root).doc; // what trains: blocks expanded (the analysis is of it too)
    // The reported loss names the panel; a graph of several objectives says how many train together.
    const { all, reported } = objectivesOf(doc);
    return { ...objectiveFormula(doc, analysisOf(root)), lossKind: (reported[0] ?? all[0])?.kind, count: all.length };
  }, [structure]);
  const [open, setOpen] = useState(true);
  return (
    <section className={`objective-panel${open ? '' : ' collapsed'}`} data-testid="objective-panel" aria-label="Training objective">
      <header>
        <button type="button" className="panel-toggle" aria-expanded={open} onClick={() => setOpen(!open)} title={open ? 'Hide the objective' : 'Show the objective'}>
          {open ? '▾' : '▸'} Objective
        </button>
        <span className="objective-kind">{lossKind ? getSpec(lossKind)?.title : 'no loss yet'}{count > 1 ? ` and ${count - 1} more` : ''} · minimised by training</span>
      </header>
      {open ? (
        <>
          <Tex tex={tex} display className="objective-tex" testId="objective-formula" />
          {problems.length ? (
            <ul className="objective-problems" data-testid="objective-problems">
              {problems.slice(0, 4).map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
