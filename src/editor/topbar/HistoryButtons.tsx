import { useGraphStore, useHistoryDepth } from '../../store';

export function HistoryButtons() {
  const { past, future } = useHistoryDepth();
  const viewOnly = useGraphStore((s) => s.viewOnly);
  return (
    <div className="button-group">
      <button type="button" data-testid="undo" disabled={past === 0 || viewOnly} title="Undo (Ctrl+Z)" onClick={() => useGraphStore.getState().undo()}>
        ↶ Undo
      </button>
      <button type="button" data-testid="redo" disabled={future === 0 || viewOnly} title="Redo (Ctrl+Shift+Z / Ctrl+Y)" onClick={() => useGraphStore.getState().redo()}>
        ↷ Redo
      </button>
    </div>
  );
}
