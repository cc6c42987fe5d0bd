// A newly opened graph shows the view it was saved with, so save → open is lossless. A
// graph that carries the default view (the lecture graphs, a new document) is framed whole
// instead, whatever the size of the window.
import { useEffect } from 'react';
import { useReactFlow } from '@xyflow/react';
import { useGraphStore } from '../../store';

export const FIT_OPTIONS = { padding: 0.06, maxZoom: 1 };

export function useFitOnOpen(): void {
  const { fitView, setViewport } = useReactFlow();
  const epoch = useGraphStore((s) => s.docEpoch);
  useEffect(() => {
    const v = useGraphStore.getState().doc.viewport;
    const isDefault = v.x === 0 && v.y === 0 && v.zoom === 1;
    // fitView waits until the new nodes are measured.
    if (isDefault) void fitView(FIT_OPTIONS);
    else void setViewport(v);
  }, [epoch, fitView, setViewport]);
}
