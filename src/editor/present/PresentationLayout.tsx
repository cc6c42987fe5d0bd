// The presentation: a slim bar (title, step, the lock with Unlock, the panel chooser, Exit),
// the canvas, and the one panel chosen beside it, in large type. Its own tree: App renders it
// instead of the editor while presenting, so nothing of the editor's chrome is in the way.
import { ReactFlowProvider } from '@xyflow/react';
import { useGraphStore } from '../../store';
import { Canvas } from '../canvas/Canvas';
import { PanelBoundary } from '../ErrorBoundary';
import { ObjectivePanel } from '../math/ObjectivePanel';
import { NotesBody } from '../notes/NotesPanel';
import { notesOf } from '../notes/notesOf';
import { StatusMessage } from '../status/StatusMessage';
import { PRESENT_PANELS, usePresentation, type PresentPanel } from './presentStore';
import { step, useStepWords } from './stepping';
import { TrainBox } from './TrainBox';
import { usePresentKeys } from './usePresentKeys';
import { ViewOnlyBadge } from './ViewOnlyBadge';
import './present.css';

function PresentKeys() {
  usePresentKeys();
  return null;
}

function ChosenPanel({ panel }: { panel: PresentPanel }) {
  const notes = useGraphStore((s) => notesOf(s.doc));
  if (panel === 'objective') return <ObjectivePanel />;
  if (panel === 'training') return <TrainBox chartHeight={260} />;
  if (panel === 'notes') {
    return (
      <section className="notes-panel lc-present-notes" aria-label="Instructor notes">
        <NotesBody notes={notes} />
      </section>
    );
  }
  return null;
}

export function PresentationLayout() {
  const title = useGraphStore((s) => s.doc.meta.title);
  const panel = usePresentation((s) => s.panel);
  const setPanel = usePresentation((s) => s.setPanel);
  const exit = usePresentation((s) => s.exit);
  const stepWords = useStepWords();
  return (
    <ReactFlowProvider>
      <PresentKeys />
      <div className="lc-present lc-large-type" data-testid="presentation" data-panel={panel}>
        <header className="lc-present-bar">
          <strong className="lc-present-title">{title}</strong>
          <nav className="lc-present-steps" aria-label="Steps">
            <button type="button" data-testid="present-prev" aria-label="Previous step" onClick={() => step(-1)} title="Previous step (← or PageUp)">
              ‹
            </button>
            <button type="button" data-testid="present-next" aria-label="Next step" onClick={() => step(1)} title="Next step (→ or PageDown)">
              ›
            </button>
            {stepWords ? (
              <span className="lc-present-step" data-testid="present-step">
                {stepWords}
              </span>
            ) : null}
          </nav>
          <ViewOnlyBadge />
          <span className="lc-topbar-spacer" />
          <label className="lc-present-chooser">
            Beside the canvas{' '}
            <select data-testid="present-panel" value={panel} onChange={(e) => setPanel(e.target.value as PresentPanel)}>
              {PRESENT_PANELS.map((p) => (
                <option key={p.value} value={p.value}>
                  {p.label}
                </option>
              ))}
            </select>
          </label>
          <button type="button" data-testid="present-exit" onClick={exit} title="Leave the presentation (Esc)">
            Exit (Esc)
          </button>
        </header>
        <div className="lc-present-body">
          <div className="canvas-stage lc-present-canvas">
            <PanelBoundary what="The canvas">
              <Canvas frameWhole />
            </PanelBoundary>
            <PanelBoundary what="The status line">
              <StatusMessage />
            </PanelBoundary>
          </div>
          {panel !== 'none' ? (
            <aside className="lc-present-panel" data-testid="present-side" tabIndex={0} aria-label="The panel beside the canvas">
              <PanelBoundary what="The chosen panel">
                <ChosenPanel panel={panel} />
              </PanelBoundary>
            </aside>
          ) : null}
        </div>
      </div>
    </ReactFlowProvider>
  );
}
