// Drag the dock's top edge to trade canvas height for panel height. The height is
// remembered (a layout preference, src/editor/layout/layoutPrefs.ts); null means the
// stylesheet's default. The canvas keeps at least half the window's height: the
// stylesheet caps the dock (max-height), and a drag stops at the same cap.
import { useCallback, useEffect, useState, type PointerEvent } from 'react';
import { readPanelPref, writePanelPref } from '../editor/layout/layoutPrefs';

const MIN = 120;
const PREF = 'dock';

/** The tallest the dock may be: the room in its column less half the window and what sits above the canvas. */
function maxHeight(dock: HTMLElement): number {
  const column = dock.parentElement;
  if (!column) return Math.round(window.innerHeight * 0.4);
  const columnTop = column.getBoundingClientRect().top;
  const above = column.querySelector('.objective-panel')?.getBoundingClientRect().height ?? 0;
  return Math.max(MIN, Math.floor(window.innerHeight - columnTop - above - window.innerHeight / 2));
}

export function useDockResize() {
  const [height, setHeight] = useState<number | null>(() => {
    const size = readPanelPref(PREF).size;
    return size !== undefined && size >= MIN ? Math.round(size) : null;
  });
  useEffect(() => {
    if (height !== null) writePanelPref(PREF, { size: height });
  }, [height]);
  const onPointerDown = useCallback((e: PointerEvent<HTMLDivElement>) => {
    const dock = e.currentTarget.parentElement;
    if (!dock || e.button !== 0) return;
    e.preventDefault();
    const startY = e.clientY;
    const startH = dock.getBoundingClientRect().height;
    const cap = maxHeight(dock);
    const handle = e.currentTarget;
    handle.setPointerCapture(e.pointerId);
    const move = (ev: globalThis.PointerEvent) => setHeight(Math.round(Math.max(MIN, Math.min(cap, startH + startY - ev.clientY))));
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
