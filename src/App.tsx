// The editor's frame: top bar, palette, the objective above the canvas (instructor notes
// beside it), the runs / model views / diagnostics dock below it, and the right column
// (inspector above the training panel). Everything inside shares one React Flow provider,
// so the palette and Save can ask the canvas for its viewport.
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

function Shortcuts() {
  useShortcuts(useSaveGraph());
  return null;
}

export function App() {
  return (
    <ReactFlowProvider>
      <Shortcuts />
      <div className="app">
        <TopBar />
        <Palette />
        <main className="canvas-area">
          <ObjectivePanel />
          <div className="canvas-row">
            <div className="canvas-stage">
              <Canvas />
              <FileProblemPanel />
              <StatusMessage />
            </div>
            <NotesPanel />
          </div>
          <LabDock />
        </main>
        <aside className="right-column">
          <Inspector />
          <section className="training-area">
            <TrainingPanel />
          </section>
        </aside>
      </div>
    </ReactFlowProvider>
  );
}
