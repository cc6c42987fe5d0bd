// Editing the instructor notes (markdown, $…$ for math), inside the notes panel. Each
// keystroke is applied (the rendered notes below follow live); one focus-to-blur session
// is one undo step.
import { useEffect, useRef, useState } from 'react';
import { useGraphStore } from '../../store';
import { LIMITS } from '../../graph/limits';
import { notesOf, notesPatch } from './notesOf';

export function NotesEditor() {
  const notes = useGraphStore((s) => notesOf(s.doc));
  const [draft, setDraft] = useState<string | null>(null);
  const focused = useRef(false);

  // Changed from elsewhere (undo, a file opened): show the document's text.
  useEffect(() => {
    if (!focused.current) setDraft(null);
  }, [notes]);

  useEffect(
    () => () => {
      if (focused.current) useGraphStore.getState().endGesture();
    },
    [],
  );

  return (
    <div className="field notes-editor">
      <label htmlFor="notes-editor">Notes (markdown)</label>
      <textarea
        id="notes-editor"
        data-testid="notes-editor"
        rows={10}
        maxLength={LIMITS.notesChars}
        spellCheck
        autoFocus
        placeholder="Markdown shown beside the canvas; $…$ and $$…$$ for math."
        value={draft ?? notes}
        onChange={(e) => {
          setDraft(e.target.value);
          useGraphStore.getState().updateMeta(notesPatch(e.target.value));
        }}
        onFocus={() => {
          focused.current = true;
          useGraphStore.getState().beginGesture();
        }}
        onBlur={() => {
          focused.current = false;
          useGraphStore.getState().endGesture();
          setDraft(null);
        }}
      />
      <span className="field-help">Markdown; raw HTML is shown as text. Math: $…$ inline, $$…$$ display.</span>
    </div>
  );
}
