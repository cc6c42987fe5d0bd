// A separator dragged to resize the panel beside it (pointer capture, so a fast drag that
// leaves the strip still resizes), or moved with the arrow keys. `grow` says which way
// the pointer moves to make the panel larger.
import { useRef, type KeyboardEvent, type PointerEvent } from 'react';

export interface ResizeHandleProps {
  axis: 'x' | 'y';
  grow: 1 | -1;
  size: number;
  min: number;
  max: number;
  onResize: (size: number) => void;
  label: string;
  testId?: string;
  className?: string;
}

const KEY_STEP = 16;

export function ResizeHandle({ axis, grow, size, min, max, onResize, label, testId, className }: ResizeHandleProps) {
  const drag = useRef<{ start: number; size: number } | null>(null);
  const at = (e: { clientX: number; clientY: number }) => (axis === 'x' ? e.clientX : e.clientY);
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { start: at(e), size };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (d) onResize(d.size + grow * (at(e) - d.start));
  };
  const end = () => {
    drag.current = null;
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const dir = axis === 'x' ? { ArrowRight: 1, ArrowLeft: -1 }[e.key] : { ArrowDown: 1, ArrowUp: -1 }[e.key];
    if (dir === undefined) return;
    e.preventDefault();
    onResize(size + dir * grow * KEY_STEP);
  };
  return (
    <div
      className={['lc-resize-handle', `lc-resize-${axis}`, className].filter(Boolean).join(' ')}
      role="separator"
      aria-orientation={axis === 'x' ? 'vertical' : 'horizontal'}
      aria-label={label}
      aria-valuenow={Math.round(size)}
      aria-valuemin={min}
      aria-valuemax={Math.round(max)}
      title={label}
      tabIndex={0}
      data-testid={testId}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={end}
      onPointerCancel={end}
      onKeyDown={onKeyDown}
    />
  );
}
