// What opens the node search on the canvas: a double-click on empty canvas, or "/" with
// the pointer over the canvas (at the pointer; elsewhere at the canvas's middle). Keys typed
// in a field, or with a dialog open, stay theirs.
import { useCallback, useEffect, useRef, type MouseEvent, type RefObject } from 'react';
import { inTextField } from '../useShortcuts';
import { openSearch } from './searchState';

/** Where a double-click means "empty canvas": the pane, not a node, an edge or a control. */
function onEmptyCanvas(t: EventTarget | null): boolean {
  if (!(t instanceof Element)) return false;
  return t.closest('.react-flow__pane') !== null && t.closest('.react-flow__node, .react-flow__edge, .react-flow__panel, .react-flow__edgelabel-renderer') === null;
}

const dialogOpen = () => document.querySelector('[role="dialog"][aria-modal="true"], .modal-backdrop, .node-search') !== null;

export function useSearchTriggers(canvas: RefObject<HTMLElement | null>) {
  const pointer = useRef<{ x: number; y: number } | null>(null);

  const onMouseMove = useCallback((e: MouseEvent) => {
    pointer.current = { x: e.clientX, y: e.clientY };
  }, []);
  const onMouseLeave = useCallback(() => {
    pointer.current = null;
  }, []);
  const onDoubleClick = useCallback((e: MouseEvent) => {
    if (!onEmptyCanvas(e.target)) return;
    e.preventDefault();
    openSearch({ x: e.clientX, y: e.clientY });
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || inTextField(e.target) || dialogOpen()) return;
      const r = canvas.current?.getBoundingClientRect();
      if (!r || r.width === 0) return;
      e.preventDefault();
      openSearch(pointer.current ?? { x: r.left + r.width / 2, y: r.top + r.height / 2 });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [canvas]);

  return { onMouseMove, onMouseLeave, onDoubleClick };
}
