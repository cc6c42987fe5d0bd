// A newly opened graph shows the view it was saved with, so save → open is lossless. A
// graph that carries the default view (the lecture graphs, a new document) is framed whole
// instead — unless that would shrink its nodes below reading size: then it opens at the
// smallest readable zoom showing its start (the data, on the left). Opening a block frames its inside (its nodes
// keep the positions they had outside, anywhere on the plane); closing it puts back the
// view the outer level had.
import { useEffect, useRef } from 'react';
import { useCallback } from 'react';
import { useReactFlow, useStoreApi, type Viewport } from '@xyflow/react';
import { useGraphStore } from '../../store';

/** Node titles are 13 px: at this zoom they render at 11 px or more. */
export const READABLE_ZOOM = 0.85;
export const FIT_OPTIONS = { padding: 0.06, maxZoom: 1, minZoom: READABLE_ZOOM };
const MARGIN = 24;

/** How the presentation and the embed view frame a graph: all of it, whatever the zoom. */
export const WHOLE_OPTIONS = { padding: 0.06, maxZoom: 1.25 };

/**
 * Frames the whole view if it fits at a readable zoom, else its top-left corner at that zoom
 * (`whole`: the whole view at any zoom — the presentation and the embed view).
 */
function useFrame(whole = false): () => Promise<void> {
  const { fitView, getNodes, getNodesBounds, setViewport } = useReactFlow();
  const flow = useStoreApi();
  return useCallback(async () => {
    // fitView waits until the new nodes are measured, so the bounds below are real.
    await fitView(whole ? WHOLE_OPTIONS : FIT_OPTIONS);
    if (whole) return;
    const nodes = getNodes();
    const { width, height } = flow.getState();
    if (!nodes.length || !width || !height) return;
    const b = getNodesBounds(nodes);
    const fits = Math.min((width - 2 * MARGIN) / b.width, (height - 2 * MARGIN) / b.height);
    if (fits >= READABLE_ZOOM) return;
    const zoom = READABLE_ZOOM;
    const y = b.height * zoom <= height - 2 * MARGIN ? (height - b.height * zoom) / 2 - b.y * zoom : MARGIN - b.y * zoom;
    await setViewport({ x: MARGIN - b.x * zoom, y, zoom });
  }, [fitView, getNodes, getNodesBounds, setViewport, flow, whole]);
}

export function useFitOnOpen(whole = false): void {
  const { setViewport, getViewport } = useReactFlow();
  const fitView = useFrame(whole);
  const epoch = useGraphStore((s) => s.docEpoch);
  const path = useGraphStore((s) => s.blockPath.join('\u0000'));
  const levels = useRef<{ path: string; views: Viewport[] }>({ path: '', views: [] });

  useEffect(() => {
    levels.current = { path: useGraphStore.getState().blockPath.join('\u0000'), views: [] };
    const v = useGraphStore.getState().doc.viewport;
    const isDefault = v.x === 0 && v.y === 0 && v.zoom === 1;
    if (isDefault || whole) void fitView();
    else void setViewport(v);
  }, [epoch, fitView, setViewport, whole]);

  useEffect(() => {
    const seen = levels.current;
    if (seen.path === path) return;
    const depth = (p: string) => (p ? p.split('\u0000').length : 0);
    const [from, to] = [depth(seen.path), depth(path)];
    const views = seen.views.slice(0, Math.min(from, to));
    if (to > from) {
      views[from] = getViewport();
      void fitView();
    } else {
      const back = seen.views[to];
      if (back) void setViewport(back);
      else void fitView();
    }
    levels.current = { path, views };
  }, [path, fitView, setViewport, getViewport]);
}
