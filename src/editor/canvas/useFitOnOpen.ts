// Every newly opened graph is framed whole, whatever the size of the window it was saved in.
import { useEffect } from 'react';
import { useReactFlow } from '@xyflow/react';
import { useGraphStore } from '../../store';

export const FIT_OPTIONS = { padding: 0.06, maxZoom: 1 };

export function useFitOnOpen(): void {
  const { fitView } = useReactFlow();
  const epoch = useGraphStore((s) => s.docEpoch);
  useEffect(() => {
    // fitView waits until the new nodes are measured.
    void fitView(FIT_OPTIONS);
  }, [epoch, fitView]);
}
