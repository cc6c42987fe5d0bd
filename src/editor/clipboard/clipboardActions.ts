// Copy, paste and duplicate of the selected nodes. Copy writes the nodes to the system
// clipboard (through the browser's copy event, which needs no permission) and keeps them
// in memory too, so paste works even where the clipboard cannot be read. Each paste or
// duplicate is one store action, hence one undo step. Inside an open block they copy from
// and paste into the block's definition, the graph the canvas shows.
import { useGraphStore } from '../../store';
import { copyFragment, fragmentFromText, fragmentToText } from './fragment';
import { viewDoc } from '../../store/blockView';

let memory: string | undefined;

function plural(n: number): string {
  return `${n} node${n === 1 ? '' : 's'}`;
}

/** The selected nodes as clipboard text (kept in memory as well), or undefined if none. */
export function copySelection(): string | undefined {
  const s = useGraphStore.getState();
  const fragment = copyFragment(viewDoc(s), s.selectedNodeIds);
  if (!fragment) return undefined;
  memory = fragmentToText(fragment);
  s.showStatus(`Copied ${plural(fragment.nodes.length)}${fragment.edges.length ? ` and ${fragment.edges.length} connection${fragment.edges.length === 1 ? '' : 's'}` : ''}.`);
  return memory;
}

/** Pastes clipboard text if it holds copied nodes; returns whether something was pasted. */
export function pasteText(text: string | undefined): boolean {
  const s = useGraphStore.getState();
  const source = text && text.trim() ? text : memory;
  if (!source) {
    s.showStatus('Nothing to paste: select nodes and copy them first (Ctrl+C).');
    return false;
  }
  const parsed = fragmentFromText(source);
  if (!parsed.ok) {
    s.showStatus(parsed.reason || 'The clipboard holds no nodes to paste; copy nodes on the canvas first.', parsed.reason ? 'error' : 'info');
    return false;
  }
  const ids = s.pasteNodes(parsed.fragment);
  if (ids.length) s.showStatus(`Pasted ${plural(ids.length)}.`);
  return ids.length > 0;
}

/** Copies and pastes the selection in one go, without touching the clipboard. */
export function duplicateSelection(): boolean {
  const s = useGraphStore.getState();
  const fragment = copyFragment(viewDoc(s), s.selectedNodeIds);
  if (!fragment) return false;
  const ids = s.pasteNodes(fragment);
  if (ids.length) s.showStatus(`Duplicated ${plural(ids.length)}.`);
  return ids.length > 0;
}

/** For tests: forget what was copied. */
export function clearClipboardMemory(): void {
  memory = undefined;
}
