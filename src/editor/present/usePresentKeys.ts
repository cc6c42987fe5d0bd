// P starts (and ends) the presentation, not while typing or with a dialog open. While
// presenting: → / PageDown the next step, ← / PageUp the previous one, Esc leaves. Taken in
// the capture phase, so the canvas does not also read the arrows.
import { useEffect } from 'react';
import { inTextField } from '../useShortcuts';
import { usePresentation } from './presentStore';
import { step } from './stepping';

const dialogOpen = () => document.querySelector('[role="dialog"][aria-modal="true"], .modal-backdrop, .node-search') !== null;

export function usePresentKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || inTextField(e.target) || dialogOpen()) return;
      const p = usePresentation.getState();
      let act: (() => void) | undefined;
      if (e.key === 'p' || e.key === 'P') act = p.presenting ? p.exit : p.enter;
      else if (p.presenting && (e.key === 'ArrowRight' || e.key === 'PageDown')) act = () => step(1);
      else if (p.presenting && (e.key === 'ArrowLeft' || e.key === 'PageUp')) act = () => step(-1);
      else if (p.presenting && e.key === 'Escape') act = p.exit;
      if (!act) return;
      e.preventDefault();
      e.stopPropagation();
      act();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}
