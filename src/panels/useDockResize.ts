// Drag the dock's top edge to trade canvas height for panel height. The height is kept
// in pixels for this page's lifetime; null means the stylesheet's default.
import { useCallback, useState, type PointerEvent } from 'react';

const MIN = 120;
const maxHeight = () => Math.round(window.innerHeight * 0.75);

export function useDockResize() {
  const [height, setHeight] = useState<number | null>(null);
  const onPointerDown = useCallback((e: PointerEvent<HTMLDivElement>) => {
    const dock = e.currentTarget.parentElement;
    if (!dock) return;
    e.preventDefault();
    const startY = e.clientY;
    const startH = dock.getBoundingClientRect().height;
    const handle = e.currentTarget;
    handle.setPointerCapture(e.pointerId);
    const move = (ev: globalThis.PointerEvent) => setHeight(Math.max(MIN, Math.min(maxHeight(), startH + startY - ev.clientY)));
    const up = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
      handle.removeEventListener('pointercancel', up);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
    handle.addEventListener('pointercancel', up);
  }, []);
  return { height, onPointerDown };
}
