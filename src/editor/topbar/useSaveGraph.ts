// Save: the document, with the viewport as it is now, downloaded as "<title>.json".
// Save with weights: the same file plus the trained weights (the format's `weights`
// section), so the graph opens already trained — for lectures and for sharing results.
// Neither ever writes a file that Open would refuse (savedFile.ts): when the weights make
// the file too large, Save with weights says so and offers to save the graph without them.
import { useCallback } from 'react';
import { useReactFlow } from '@xyflow/react';
import type { GraphDoc, GraphWeights } from '../../graph/document';
import { downloadText } from '../../files/browserFiles';
import { graphFileName } from '../../files/fileName';
import { useGraphStore } from '../../store';
import { weightsSectionFor } from '../../store/trainedWeights';
import { savedFileText } from './savedFile';

/** Writes the graph without weights; returns the status sentence, or the reason it was not saved. */
function savePlain(doc: GraphDoc): { ok: boolean; text: string } {
  const { weights: _weights, ...plain } = doc;
  const name = graphFileName(plain.meta.title);
  const file = savedFileText(plain, 'The graph file');
  if (!file.ok) return { ok: false, text: `Not saved: ${file.reason}` };
  downloadText(name, file.text);
  return { ok: true, text: `Saved ${name}.` };
}

export function useSaveGraph(): () => void {
  const { getViewport } = useReactFlow();
  return useCallback(() => {
    const s = useGraphStore.getState();
    const r = savePlain({ ...s.doc, viewport: getViewport() });
    s.showStatus(r.text, r.ok ? 'info' : 'error');
  }, [getViewport]);
}

/** Asks whether to save without the weights; window.confirm, replaced in tests. */
export type AskWithoutWeights = (question: string) => boolean;

export function useSaveWithWeights(ask: AskWithoutWeights = (q) => window.confirm(q)): () => void {
  const { getViewport } = useReactFlow();
  return useCallback(() => {
    const s = useGraphStore.getState();
    const doc = { ...s.doc, viewport: getViewport() };
    let weights: GraphWeights | undefined;
    let refused: string | undefined;
    try {
      weights = weightsSectionFor(s.doc);
    } catch (e) {
      // Weights past LIMITS.weightFloats: no file could carry them.
      refused = e instanceof Error ? e.message : String(e);
    }
    if (!weights && refused === undefined) {
      s.showStatus('This graph has no trained weights yet (or it changed since it was trained): press Train, then save with weights.', 'error');
      return;
    }
    const name = graphFileName(`${doc.meta.title} (trained)`);
    if (weights) {
      const file = savedFileText({ ...doc, weights }, 'The graph with its trained weights');
      if (file.ok) {
        downloadText(name, file.text);
        const values = weights.variables.reduce((n, v) => n + v.shape.reduce((a, b) => a * b, 1), 0);
        s.showStatus(`Saved ${name} with ${values.toLocaleString('en-US')} trained values.`);
        return;
      }
      refused = file.reason;
    }
    if (!ask(`${refused} Save the graph without its trained weights instead?`)) {
      s.showStatus(`Not saved: ${refused}`, 'error');
      return;
    }
    const plain = savePlain(doc);
    s.showStatus(plain.ok ? `${plain.text} It was saved without its trained weights: ${refused}` : plain.text, plain.ok ? 'info' : 'error');
  }, [getViewport, ask]);
}
