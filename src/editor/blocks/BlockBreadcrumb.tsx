// The bar above the canvas: the breadcrumb of open blocks ("Graph › Encoder › …", each
// level clickable to go back up; Escape closes one), the open block's name (editable) and
// how many instances share it, and the block actions — Make block (Ctrl+G), Open block,
// Ungroup (Ctrl+Shift+G). Every action is a store action (src/store/blockSlice.ts).
import { useEffect, useMemo } from 'react';
import { useGraphStore } from '../../store';
import { openLevels, viewDoc } from '../../store/blockView';
import { isBlockNode } from '../../graph/blocks/ports';
import { inTextField } from '../useShortcuts';
import { instancesOf } from './blockInfo';
import { BlockNameInput } from './BlockNameInput';
import './blocks.css';

function dialogOpen(): boolean {
  return document.querySelector('[role="dialog"][aria-modal="true"], .modal-backdrop') !== null;
}

/** The selected block instance in the view, if exactly one node (a block) is selected. */
function useSelectedBlock(): string | undefined {
  return useGraphStore((s) => {
    const id = s.selectedNodeId;
    if (!id) return undefined;
    const n = viewDoc(s).nodes.find((m) => m.id === id);
    return n && isBlockNode(n) ? id : undefined;
  });
}

function useBlockShortcuts() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (inTextField(e.target) || dialogOpen()) return;
      const s = useGraphStore.getState();
      if (e.key === 'Escape' && !e.ctrlKey && !e.metaKey && s.blockPath.length) {
        s.closeBlock();
        e.preventDefault();
        return;
      }
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.key.toLowerCase() !== 'g') return;
      e.preventDefault();
      if (e.shiftKey) s.ungroupBlock();
      else if (s.selectedNodeIds.length) s.makeBlock();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

export function BlockBreadcrumb() {
  useBlockShortcuts();
  const doc = useGraphStore((s) => s.doc);
  const blockPath = useGraphStore((s) => s.blockPath);
  const levels = useMemo(() => openLevels({ doc, blockPath }), [doc, blockPath]);
  const selected = useGraphStore((s) => s.selectedNodeIds.length);
  const block = useSelectedBlock();
  const last = levels[levels.length - 1];
  const instances = useGraphStore((s) => (last ? instancesOf(s.doc, last.defId) : 0));
  const s = useGraphStore.getState;
  const viewOnly = useGraphStore((st) => st.viewOnly);

  return (
    <div className="block-bar" data-testid="block-bar">
      {levels.length ? (
        <nav className="block-breadcrumb" aria-label="Open blocks" data-testid="block-breadcrumb">
          <button type="button" className="crumb" data-testid="crumb-0" onClick={() => s().goToLevel(0)} title="Back to the whole graph (Escape closes one level)">
            Graph
          </button>
          {levels.map((l, i) => (
            <span key={`${i}-${l.instanceId}`} className="crumb-level">
              <span className="crumb-sep" aria-hidden="true">›</span>
              {i === levels.length - 1 ? (
                <BlockNameInput defId={l.defId} title={l.title} />
              ) : (
                <button type="button" className="crumb" data-testid={`crumb-${i + 1}`} onClick={() => s().goToLevel(i + 1)}>
                  {l.title || 'Block'}
                </button>
              )}
            </span>
          ))}
          <span className="crumb-note" data-testid="block-instances">
            {instances === 1 ? 'editing the block (1 instance)' : `editing the block: all ${instances} instances change`}
          </span>
        </nav>
      ) : null}
      <div className="block-actions">
        <button type="button" data-testid="make-block" disabled={selected === 0 || viewOnly} title="Put the selected nodes into a block (Ctrl+G)" onClick={() => s().makeBlock()}>
          Make block
        </button>
        <button type="button" data-testid="open-block" disabled={!block} title="Open the selected block to edit inside it (or double-click it)" onClick={() => block && s().openBlock(block)}>
          Open block
        </button>
        <button type="button" data-testid="ungroup-block" disabled={!block || viewOnly} title="Replace the selected block by its nodes (Ctrl+Shift+G)" onClick={() => block && s().ungroupBlock(block)}>
          Ungroup
        </button>
      </div>
    </div>
  );
}
