// Draws on the next animation frame after the data change, so several updates in one
// frame draw once and the drawing never runs inside React's render.
import { useEffect, type DependencyList } from 'react';

export function useDrawEffect(draw: () => void, deps: DependencyList): void {
  useEffect(() => {
    const id = requestAnimationFrame(draw);
    return () => cancelAnimationFrame(id);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
}
