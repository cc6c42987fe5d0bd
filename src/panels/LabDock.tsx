// The dock under the canvas: Runs, Model views and Diagnostics as tabs. Only the open tab
// is mounted (its canvases draw only while seen); the session keeps the data either way.
import { startTransition, useEffect, useRef, useState } from 'react';
import { useSession } from './session/sessionStore';
import { useDockResize } from './useDockResize';
import { useRunsStore } from '../store/runsStore';
import { DiagnosticsPanel } from './diagnostics/DiagnosticsPanel';
import { RunsPanel } from './runs/RunsPanel';
import { ViewsPanel } from './views/ViewsPanel';
import { PanelBoundary } from '../editor/ErrorBoundary';
import './panels.css';

type Tab = 'views' | 'runs' | 'diagnostics';

export function LabDock() {
  const [tab, setTab] = useState<Tab>('views');
  // Closed until the first run, so the canvas has the room while the graph is built; a run
  // opens it (to watch the model learn) unless the person has closed it themselves.
  const [open, setOpen] = useState(false);
  const closedByHand = useRef(false);
  const runStarting = useSession((s) => s.run.status === 'starting');
  useEffect(() => {
    // A transition: the dock's first render and the canvas's relayout it causes are not
    // folded into the Train click's task, which already renders the panel and starts the run.
    if (runStarting && !closedByHand.current) startTransition(() => setOpen(true));
  }, [runStarting]);
  const runCount = useRunsStore((s) => s.runs.length);
  const resize = useDockResize();
  const tabs: [Tab, string][] = [
    ['views', 'Model views'],
    ['runs', `Runs (${runCount})`],
    ['diagnostics', 'Estimator diagnostics'],
  ];
  return (
    <section
      className={`lc-dock${open ? '' : ' lc-collapsed'}`}
      style={open && resize.height !== null ? { height: resize.height } : undefined}
      data-testid="lab-dock"
      aria-label="Runs, model views and diagnostics"
    >
      {open && <div className="lc-dock-resize" role="separator" aria-orientation="horizontal" aria-label="Drag to resize the dock" title="Drag to resize the dock" data-testid="dock-resize" onPointerDown={resize.onPointerDown} />}
      <div className="lc-tabs">
        {/* The tablist holds only the tabs (the dock toggle is no tab); display: contents keeps the row's layout. */}
        <div role="tablist" aria-label="Dock panels" style={{ display: 'contents' }}>
        {tabs.map(([id, label]) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={open && tab === id}
            data-testid={`lab-tab-${id}`}
            onClick={() => {
              setTab(id);
              setOpen(true);
              closedByHand.current = false;
            }}
          >
            {label}
          </button>
        ))}
        </div>
        <button type="button" className="lc-dock-toggle" aria-label={open ? 'Hide the dock' : 'Show the dock'} data-testid="lab-toggle" aria-expanded={open} onClick={() => {
            closedByHand.current = open;
            setOpen(!open);
          }}
          title={open ? 'Hide the dock' : 'Show the dock'}>
          {open ? '▾' : '▴'}
        </button>
      </div>
      {open && (
        <div className="lc-dock-body" role="tabpanel">
          {/* One boundary per tab: a tab that fails says so, and the other tabs still open. */}
          {tab === 'views' && (
            <PanelBoundary what="The model views">
              <ViewsPanel />
            </PanelBoundary>
          )}
          {tab === 'runs' && (
            <PanelBoundary what="The runs">
              <RunsPanel />
            </PanelBoundary>
          )}
          {tab === 'diagnostics' && (
            <PanelBoundary what="The estimator diagnostics">
              <DiagnosticsPanel />
            </PanelBoundary>
          )}
        </div>
      )}
    </section>
  );
}
