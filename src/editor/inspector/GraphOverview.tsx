// What the inspector shows when no node is selected: the graph's description and the
// problems no single node owns. The instructor notes are read and edited in their own
// panel beside the canvas (src/editor/notes/NotesPanel.tsx).
import { useGraphStore } from '../../store';
import { useGraphErrors } from '../../store/analysis';

export function GraphOverview() {
  const meta = useGraphStore((s) => s.doc.meta);
  const count = useGraphStore((s) => s.doc.nodes.length);
  const problems = useGraphErrors();
  return (
    <div className="graph-overview">
      <h2>{meta.title}</h2>
      {meta.description ? <p className="inspector-doc">{meta.description}</p> : null}
      <p className="hint">{count ? 'Select a node to edit its settings.' : 'Add nodes from the palette on the left, then wire outputs (right) to inputs (left).'}</p>
      {problems.length ? (
        <ul className="inspector-errors" data-testid="graph-errors">
          {problems.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
