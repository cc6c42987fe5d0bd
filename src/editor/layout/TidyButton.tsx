// Tidy: lays out the open view left to right (or only the selected nodes), one undo step.
// Shift+L does the same wherever the canvas has the keys (not while typing, not in a dialog).
import { useEffect } from 'react';
import { useGraphStore } from '../../store';
import { inTextField } from '../useShortcuts';

async function tidy(): Promise<void> {
  const s = useGraphStore.getState();
  // One selected node has nothing to be laid out against: that means the whole view.
  const only = s.selectedNodeIds.length > 1 ? s.selectedNodeIds : undefined;
  try {
    const moved = await s.autoLayout(only);
    if (moved) s.showStatus(`Laid out ${only ? `the ${only.length} selected nodes` : 'the graph'}. Undo puts them back.`);
  } catch (e) {
    s.showStatus(`The layout failed: ${e instanceof Error ? e.message : String(e)}`, 'error');
  }
}

function keyIsOurs(e: KeyboardEvent): boolean {
  if (!e.shiftKey || e.ctrlKey || e.metaKey || e.altKey || e.key.toLowerCase() !== 'l') return false;
  return !inTextField(e.target) && !document.querySelector('[role="dialog"][aria-modal="true"], .modal-backdrop');
}

export function TidyButton() {
  const selected = useGraphStore((s) => s.selectedNodeIds.length);
  const viewOnly = useGraphStore((s) => s.viewOnly);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!keyIsOurs(e)) return;
      e.preventDefault();
      void tidy();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <button
      type="button"
      data-testid="auto-layout"
      disabled={viewOnly}
      title={selected > 1 ? 'Lay out the selected nodes left to right (Shift+L)' : 'Lay out the graph left to right (Shift+L)'}
      onClick={() => void tidy()}
    >
      Tidy
    </button>
  );
}
