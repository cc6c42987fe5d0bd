// A newly opened graph shows the view it was saved with, so save → open is lossless. A
// graph that carries the default view (the lecture graphs, a new document) is framed whole
// instead, whatever the size of the window. Opening a block frames its inside (its nodes
// keep the positions they had outside, anywhere on the plane); closing it puts back the
// view the outer level had.
import { useEffect, useRef } from 'react';
import { useReactFlow, type Viewport } from '@xyflow/react';
import { useGraphStore } from '../../store';

export const FIT_OPTIONS = { padding: 0.06, maxZoom: 1 };

export function useFitOnOpen(): void {
  const { fitView, setViewport, getViewport } = useReactFlow();
  const epoch = useGraphStore((s) => s.docEpoch);
  const path = useGraphStore((s) => s.blockPath.join('\u0000'));
  const levels = useRef<{ path: string; views: Viewport[] }>({ path: '', views: [] });

  useEffect(() => {
    levels.current = { path: useGraphStore.getState().blockPath.join('\u0000'), views: [] };
    const v = useGraphStore.getState().doc.viewport;
    const isDefault = v.x === 0 && v.y === 0 && v.zoom === 1;
    // fitView waits until the new nodes are measured.
    if (isDefault) void fitView(FIT_OPTIONS);
    else void setViewport(v);
  }, [epoch, fitView, setViewport]);

  useEffect(() => {
    const seen = levels.current;
    if (seen.path === path) return;
    const depth = (p: string) => (p ? p.split('\u0000').length : 0);
    const [from, to] = [depth(seen.path), depth(path)];
    const views = seen.views.slice(0, Math.min(from, to));
    if (to > from) {
      views[from] = getViewport();
      void fitView(FIT_OPTIONS);
    } else {
      const back = seen.views[to];
      if (back) void setViewport(back);
      else void fitView(FIT_OPTIONS);
    }
    levels.current = { path, views };
  }, [path, fitView, setViewport, getViewport]);
}
