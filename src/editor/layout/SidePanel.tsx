// A side column that collapses to a narrow tab and resizes by dragging its inner edge
// (the edge that faces the canvas); its width and state are remembered across reloads.
// `forceCollapsed` lets a panel with nothing to show (notes of a graph without notes)
// give its room to the canvas without changing the remembered preference.
import type { ReactNode } from 'react';
import { ResizeHandle } from './ResizeHandle';
import { usePanelLayout } from './usePanelLayout';
import './layout.css';

export interface SidePanelProps {
  id: string;
  /** Which side of the canvas the panel sits on. */
  side: 'left' | 'right';
  /** Names the panel in the tab and the buttons: "palette" → "Hide the palette". */
  title: string;
  tabLabel: string;
  defaultSize: number;
  min: number;
  max: number;
  className?: string;
  testId?: string;
  forceCollapsed?: boolean;
  onExpand?: () => void;
  children: ReactNode;
}

export function SidePanel(props: SidePanelProps) {
  const { id, side, title, tabLabel, defaultSize, min, max, className, testId, forceCollapsed, onExpand, children } = props;
  const layout = usePanelLayout(id, { defaultSize, min, max });
  const collapsed = layout.collapsed || !!forceCollapsed;
  const classes = ['lc-side', `lc-side-${side}`, className, collapsed ? 'lc-side-collapsed' : ''].filter(Boolean).join(' ');
  if (collapsed) {
    return (
      <aside className={classes} data-testid={testId} data-collapsed="true" aria-label={title}>
        <button
          type="button"
          className="lc-side-tab"
          data-testid={`${id}-expand`}
          aria-expanded={false}
          aria-label={`Show the ${title}`}
          title={`Show the ${title}`}
          onClick={() => {
            layout.setCollapsed(false);
            onExpand?.();
          }}
        >
          {tabLabel}
        </button>
      </aside>
    );
  }
  return (
    <aside className={classes} style={{ width: layout.size }} data-testid={testId} data-collapsed="false" aria-label={title}>
      {children}
      <ResizeHandle
        axis="x"
        grow={side === 'left' ? 1 : -1}
        size={layout.size}
        min={min}
        max={max}
        onResize={layout.setSize}
        label={`Drag to resize the ${title}`}
        testId={`${id}-resize`}
        className="lc-side-handle"
      />
      <button
        type="button"
        className="lc-side-collapse"
        data-testid={`${id}-collapse`}
        aria-expanded
        aria-label={`Hide the ${title}`}
        title={`Hide the ${title}`}
        onClick={() => layout.setCollapsed(true)}
      >
        {side === 'left' ? '‹' : '›'}
      </button>
    </aside>
  );
}
