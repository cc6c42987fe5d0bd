// "Variant…": trains a modified copy of a graph as a new run, in one click — another
// estimator, another J, the other KL; for an objective built from parts, the other reduction
// over samples, the other KL mode, another β. The open document is never changed. Only
// variants that analyzeGraph accepts are listed; the menu is computed when it opens.
import { useEffect, useRef, useState, type MouseEvent } from 'react';
import type { GraphDoc } from '../../graph/document';
import { serializeGraph } from '../../graph/parse';
import { uniqueRunName, useRunsStore } from '../../store/runsStore';
import { isActive } from '../runState';
import { startTraining } from '../session/runActions';
import { useSession } from '../session/sessionStore';
import { variantsOf, type Variant } from './variants';

export interface VariantMenuProps {
  /** The graph to vary; called when the menu opens, so it reads the latest document. */
  source: () => GraphDoc | undefined;
  label: string;
  testId: string;
  title: string;
}

function train(v: Variant) {
  const name = uniqueRunName(v.name, useRunsStore.getState().runs);
  startTraining({ docJson: serializeGraph(v.doc), settings: v.doc.training, name });
}

export function VariantMenu({ source, label, testId, title }: VariantMenuProps) {
  const [open, setOpen] = useState<{ variants: Variant[]; x: number; y: number } | null>(null);
  const busy = isActive(useSession((s) => s.run.status));
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (e: Event) => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !box.current?.contains(e.target as Node)) setOpen(null);
    };
    window.addEventListener('pointerdown', close);
    window.addEventListener('keydown', close);
    return () => {
      window.removeEventListener('pointerdown', close);
      window.removeEventListener('keydown', close);
    };
  }, [open]);

  const toggle = (e: MouseEvent<HTMLButtonElement>) => {
    if (open) return setOpen(null);
    const doc = source();
    const r = e.currentTarget.getBoundingClientRect();
    // Fixed position: the dock scrolls and would clip a menu placed inside it.
    setOpen({ variants: doc ? variantsOf(doc) : [], x: r.left, y: r.bottom + 2 });
  };

  return (
    <div className="lc-variant" ref={box}>
      <button type="button" data-testid={testId} disabled={busy} onClick={toggle} title={busy ? 'Wait for the current run to end: the worker trains one model at a time.' : title} aria-haspopup="menu" aria-expanded={!!open}>
        {label}
      </button>
      {open && (
        <div className="lc-menu" role="menu" style={{ left: open.x, top: open.y }}>
          {open.variants.length === 0 && <div className="lc-muted lc-menu-empty">No variant of this graph compiles (an estimator needs wiring this graph does not have, and no part of its objective has a setting to vary).</div>}
          {open.variants.map((v) => (
            <button
              key={v.key}
              type="button"
              role="menuitem"
              data-testid={`variant-option-${v.key}`}
              onClick={() => {
                setOpen(null);
                train(v);
              }}
            >
              {v.label} <span className="lc-muted">→ “{v.name}”</span>
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
