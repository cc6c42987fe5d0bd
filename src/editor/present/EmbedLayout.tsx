// The embed view (`?embed`), sized for an iframe: the objective above the canvas, Train and
// the loss chart beside it, and a link that opens the graph in the full editor. No top bar,
// palette or inspector; the view-only lock is on (src/main.tsx sets it from the address).
import { ReactFlowProvider } from '@xyflow/react';
import { useGraphStore } from '../../store';
import { Canvas } from '../canvas/Canvas';
import { PanelBoundary } from '../ErrorBoundary';
import { ObjectivePanel } from '../math/ObjectivePanel';
import { StatusMessage } from '../status/StatusMessage';
import { TrainBox } from './TrainBox';
import './present.css';

/** The same address without `embed`: the full editor with the same graph (link or ?graph=). */
function editorUrl(): string {
  const url = new URL(window.location.href);
  url.searchParams.delete('embed');
  return url.toString();
}

export function EmbedLayout() {
  const title = useGraphStore((s) => s.doc.meta.title);
  return (
    <ReactFlowProvider>
      <div className="lc-embed" data-testid="embed-view">
        <PanelBoundary what="The objective" className="objective-panel">
          <ObjectivePanel />
        </PanelBoundary>
        <div className="lc-embed-body">
          <div className="canvas-stage">
            <PanelBoundary what="The canvas">
              <Canvas frameWhole />
            </PanelBoundary>
            <PanelBoundary what="The status line">
              <StatusMessage />
            </PanelBoundary>
          </div>
          <aside className="lc-embed-side">
            <PanelBoundary what="The training">
              <TrainBox chartHeight={150} />
            </PanelBoundary>
          </aside>
        </div>
        <footer className="lc-embed-foot">
          <span className="lc-embed-title">{title}</span>
          <a href={editorUrl()} target="_blank" rel="noopener noreferrer" data-testid="embed-open-editor">
            Open in Latent Canvas ↗
          </a>
        </footer>
      </div>
    </ReactFlowProvider>
  );
}
