// Save: the document, with the viewport as it is now, downloaded as "<title>.json".
import { useCallback } from 'react';
import { useReactFlow } from '@xyflow/react';
import { serializeGraph } from '../../graph/parse';
import { downloadText } from '../../files/browserFiles';
import { graphFileName } from '../../files/fileName';
import { useGraphStore } from '../../store';

export function useSaveGraph(): () => void {
  const { getViewport } = useReactFlow();
  return useCallback(() => {
    const s = useGraphStore.getState();
    const doc = { ...s.doc, viewport: getViewport() };
    const name = graphFileName(doc.meta.title);
    downloadText(name, serializeGraph(doc));
    s.showStatus(`Saved ${name}.`);
  }, [getViewport]);
}
