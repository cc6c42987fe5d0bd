// The instructor's notes beside the canvas, when the graph has any: markdown with math,
// rendered by markdown-it + KaTeX and sanitised by DOMPurify before it reaches the DOM.
// Collapsible to a narrow tab so the canvas can have the room.
import { useMemo, useState } from 'react';
import 'katex/dist/katex.min.css';
import '../math/tex.css';
import { useGraphStore } from '../../store';
import { renderNotesMarkdown } from './markdown';
import { notesOf } from './notesOf';
import { sanitizeNotesHtml } from './sanitize';

export function NotesPanel() {
  const notes = useGraphStore((s) => notesOf(s.doc));
  const [open, setOpen] = useState(true);
  const html = useMemo(() => (notes.trim() ? sanitizeNotesHtml(renderNotesMarkdown(notes)) : ''), [notes]);
  if (!html) return null;
  if (!open) {
    return (
      <aside className="notes-panel collapsed" data-testid="instructor-notes" aria-label="Instructor notes">
        <button type="button" className="notes-tab" aria-expanded={false} onClick={() => setOpen(true)} title="Show the instructor notes">
          Notes
        </button>
      </aside>
    );
  }
  return (
    <aside className="notes-panel" data-testid="instructor-notes" aria-label="Instructor notes">
      <header>
        <h2>Instructor notes</h2>
        <button type="button" className="close" aria-expanded onClick={() => setOpen(false)} title="Hide the notes" aria-label="Hide the notes">
          ›
        </button>
      </header>
      <div className="notes-body" data-testid="instructor-notes-body" dangerouslySetInnerHTML={{ __html: html }} />
    </aside>
  );
}
