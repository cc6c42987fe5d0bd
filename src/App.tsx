// The editor's frame: top bar, palette, the objective above the canvas (instructor notes
// beside it), the runs / model views / diagnostics dock below it, and the right column
// (inspector above the training panel). The side columns and the dock collapse and resize
// (src/editor/layout), so the canvas can have the room. Everything inside shares one React Flow provider,
// so the palette and Save can ask the canvas for its viewport. Each panel has its own error
// boundary: one that fails says so in its place, and the rest keeps working.
import { ReactFlowProvider } from '@xyflow/react';
import { TrainingPanel } from './panels/TrainingPanel';
import { LabDock } from './panels/LabDock';
import { Canvas } from './editor/canvas/Canvas';
import { Inspector } from './editor/inspector/Inspector';
import { Palette } from './editor/palette/Palette';
import { FileProblemPanel } from './editor/status/FileProblemPanel';
import { StatusMessage } from './editor/status/StatusMessage';
import { TopBar } from './editor/topbar/TopBar';
import { useSaveGraph } from './editor/topbar/useSaveGraph';
import { useShortcuts } from './editor/useShortcuts';
import { ObjectivePanel } from './editor/math/ObjectivePanel';
import { NotesPanel } from './editor/notes/NotesPanel';
import { PanelBoundary } from './editor/ErrorBoundary';
import { ConnectDialog } from './editor/a11y/ConnectDialog';
import { SidePanel } from './editor/layout/SidePanel';
import { StepBar } from './editor/course/StepBar';
import { useGraphStore } from './store';
import { usePresentKeys } from './editor/present/usePresentKeys';
import { usePresentation } from './editor/present/presentStore';
import { PresentationLayout } from './editor/present/PresentationLayout';
import { EmbedLayout } from './editor/present/EmbedLayout';
import { startMode } from './editor/present/viewMode';

function Shortcuts() {
  useShortcuts(useSaveGraph());
  usePresentKeys();
  return null;
}

export function App() {
  // `?embed` and presentation mode are layouts of their own (src/editor/present).
  const presenting = usePresentation((p) => p.presenting);
  const viewOnly = useGraphStore((st) => st.viewOnly);
  if (startMode().embed) return <EmbedLayout />;
  if (presenting) return <PresentationLayout />;
  return (
    <ReactFlowProvider>
      <PanelBoundary what="The keyboard shortcuts" className="panel-failed-floating">
        <Shortcuts />
      </PanelBoundary>
      <PanelBoundary what="The connect dialog" className="panel-failed-floating">
        <ConnectDialog />
      </PanelBoundary>
      <div className={viewOnly ? 'app lc-locked' : 'app'}>
        <PanelBoundary what="The top bar" className="topbar">
          <TopBar />
        </PanelBoundary>
        <SidePanel id="palette" side="left" title="palette" tabLabel="Palette" defaultSize={150} min={110} max={360} className="palette-column" testId="palette-column">
          <PanelBoundary what="The palette" className="palette">
            <Palette />
          </PanelBoundary>
        </SidePanel>
        <main className="canvas-area">
          <PanelBoundary what="The course bar">
            <StepBar />
          </PanelBoundary>
          <PanelBoundary what="The objective" className="objective-panel">
            <ObjectivePanel />
          </PanelBoundary>
          <div className="canvas-row">
            <div className="canvas-stage">
              <PanelBoundary what="The canvas">
                <Canvas />
              </PanelBoundary>
              <PanelBoundary what="The file problems">
                <FileProblemPanel />
              </PanelBoundary>
              <PanelBoundary what="The status line">
                <StatusMessage />
              </PanelBoundary>
            </div>
            <PanelBoundary what="The notes panel" className="notes-panel">
              <NotesPanel />
            </PanelBoundary>
          </div>
          <PanelBoundary what="The runs, views and diagnostics dock" className="lc-dock">
            <LabDock />
          </PanelBoundary>
        </main>
        <SidePanel id="right" side="right" title="inspector and training column" tabLabel="Inspector · Training" defaultSize={340} min={260} max={640} className="right-column" testId="right-column">
          <PanelBoundary what="The inspector" className="inspector">
            <Inspector />
          </PanelBoundary>
          <section className="training-area">
            <PanelBoundary what="The training panel">
              <TrainingPanel />
            </PanelBoundary>
          </section>
        </SidePanel>
      </div>
    </ReactFlowProvider>
  );
}
