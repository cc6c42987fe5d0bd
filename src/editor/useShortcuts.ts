// Global keys. Ctrl/Cmd + S save · Shift+S save with weights · Z undo · Shift+Z or Y redo · C copy · V paste ·
// D duplicate · A select all nodes · Alt+N new graph. Delete / Backspace remove the selection (React Flow's deleteKeyCode).
// Inside a text field every key is the field's own (its typing history, its clipboard);
// only Ctrl+S is taken there. Copy and paste go through the browser's copy and paste
// events, so the nodes travel through the system clipboard without any permission.
import { useEffect } from 'react';
import { useGraphStore } from '../store';
import { copySelection, duplicateSelection, pasteText } from './clipboard/clipboardActions';
import { useSaveWithWeights } from './topbar/useSaveGraph';
import { newGraph } from './topbar/newGraph';
import { viewDoc } from '../store/blockView';

export function inTextField(t: EventTarget | null): boolean {
  return t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));
}

/** Text the person selected on the page: Ctrl+C then copies that, not the nodes. */
function hasTextSelection(): boolean {
  const sel = window.getSelection();
  return !!sel && !sel.isCollapsed && sel.toString().length > 0;
}

/** A dialog (the gallery) is open: canvas keys stay off. */
function dialogOpen(): boolean {
  return document.querySelector('[role="dialog"][aria-modal="true"], .modal-backdrop') !== null;
}

export function useShortcuts(save: () => void): void {
  const saveWithWeights = useSaveWithWeights();
  useEffect(() => {
    // Paste waits briefly for the browser's paste event (it carries the system clipboard);
    // if none comes, the nodes copied in this tab are pasted.
    let pasteFallback: ReturnType<typeof setTimeout> | undefined;
    // Copy happens on the key (so it works even where no copy event fires); the copy
    // event that follows puts the same text on the system clipboard.
    let copied: string | undefined;

    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey)) return;
      // Ctrl+N is the browser's (a new window); with Alt it is ours. By code, since Alt
      // changes the character on a Mac.
      if (e.altKey && !e.shiftKey && e.code === 'KeyN' && !dialogOpen()) {
        e.preventDefault();
        newGraph();
        return;
      }
      if (e.altKey) return;
      const key = e.key.toLowerCase();
      if (key === 's') {
        e.preventDefault();
        (e.shiftKey ? saveWithWeights : save)();
        return;
      }
      if (inTextField(e.target) || dialogOpen()) return;
      const s = useGraphStore.getState();
      if (key === 'z' && !e.shiftKey) s.undo();
      else if ((key === 'z' && e.shiftKey) || key === 'y') s.redo();
      else if (key === 'd') duplicateSelection();
      else if (key === 'a' && !e.shiftKey) s.setSelection(viewDoc(s).nodes.map((n) => n.id), []);
      else if (key === 'c') {
        copied = hasTextSelection() ? undefined : copySelection();
        setTimeout(() => (copied = undefined), 0);
        return; // the browser goes on to fire 'copy'
      } else if (key === 'v') {
        clearTimeout(pasteFallback);
        pasteFallback = setTimeout(() => pasteText(undefined), 150);
        return; // the browser goes on to fire 'paste'
      } else return;
      e.preventDefault();
    };

    const onCopy = (e: ClipboardEvent) => {
      if (inTextField(e.target) || hasTextSelection() || dialogOpen()) return;
      const text = copied ?? copySelection(); // a copy from the browser's menu has no key
      copied = undefined;
      if (text === undefined) return;
      e.clipboardData?.setData('text/plain', text);
      e.preventDefault();
    };

    const onPaste = (e: ClipboardEvent) => {
      if (inTextField(e.target) || dialogOpen()) return;
      clearTimeout(pasteFallback);
      pasteFallback = undefined;
      e.preventDefault();
      pasteText(e.clipboardData?.getData('text/plain'));
    };

    window.addEventListener('keydown', onKey);
    document.addEventListener('copy', onCopy);
    document.addEventListener('paste', onPaste);
    return () => {
      clearTimeout(pasteFallback);
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('paste', onPaste);
    };
  }, [save, saveWithWeights]);
}
