// New: an empty, untitled graph with the default training settings (not the last graph's).
// It opens like any file, so the work that was open goes to Recent and nothing is lost.
import { emptyDoc } from '../../graph/document';
import { serializeGraph } from '../../graph/parse';
import { useGraphStore } from '../../store';

export function newGraph(): void {
  useGraphStore.getState().openGraphText(serializeGraph(emptyDoc()), 'a new, empty graph');
}
