// Whether the node search is open, where (screen coordinates: the pointer, or where a
// connection was dropped), and which port it was opened from. Not part of the document.
import { create } from 'zustand';
import type { XY } from '../../store/docEdits';
import { useGraphStore } from '../../store';

/** The port a connection was dragged from; `side` is that port's side. */
export interface SearchFrom {
  nodeId: string;
  port: string;
  side: 'output' | 'input';
}

export interface SearchBoxState {
  at: XY | null;
  from: SearchFrom | undefined;
}

export const useSearchBox = create<SearchBoxState>()(() => ({ at: null, from: undefined }));

export function openSearch(at: XY, from?: SearchFrom): void {
  // Search adds a node: nothing to offer while the graph is view-only (src/store/lockSlice.ts).
  if (useGraphStore.getState().viewOnly) return;
  useSearchBox.setState({ at, from });
}

export function closeSearch(): void {
  useSearchBox.setState({ at: null, from: undefined });
}
