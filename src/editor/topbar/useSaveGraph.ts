// Save: the document, with the viewport as it is now, downloaded as "<title>.json".
// Save with weights: the same file plus the trained weights (the format's `weights`
// section), so the graph opens already trained — for lectures and for sharing results.
import { useCallback } from 'react';
import { useReactFlow } from '@xyflow/react';
import { serializeGraph } from '../../graph/parse';
import { downloadText } from '../../files/browserFiles';
import { graphFileName } from '../../files/fileName';
import { useGraphStore } from '../../store';
import { weightsSectionFor } from '../../store/trainedWeights';

export function useSaveGraph(): () => void {
  const { getViewport } = useReactFlow();
  return useCallback(() => {
    const s = useGraphStore.getState();
    const { weights: _weights, ...plain } = s.doc;
    const doc = { ...plain, viewport: getViewport() };
    const name = graphFileName(doc.meta.title);
    downloadText(name, serializeGraph(doc));
    s.showStatus(`Saved ${name}.`);
  }, [getViewport]);
}

export function useSaveWithWeights(): () => void {
  const { getViewport } = useReactFlow();
  return useCallback(() => {
    const s = useGraphStore.getState();
    let weights;
    try {
      weights = weightsSectionFor(s.doc);
    } catch (e) {
      s.showStatus(`The weights could not be saved: ${e instanceof Error ? e.message : String(e)}`, 'error');
      return;
    }
    if (!weights) {
      s.showStatus('This graph has no trained weights yet (or it changed since it was trained): press Train, then save with weights.', 'error');
      return;
    }
    const doc = { ...s.doc, viewport: getViewport(), weights };
    const name = graphFileName(`${doc.meta.title} (trained)`);
    downloadText(name, serializeGraph(doc));
    const values = weights.variables.reduce((n, v) => n + v.shape.reduce((a, b) => a * b, 1), 0);
    s.showStatus(`Saved ${name} with ${values.toLocaleString('en-US')} trained values.`);
  }, [getViewport]);
}
