// The instructor's notes beside the canvas: the one place to read them and, with Edit, to
// write them (markdown with math, rendered by markdown-it + KaTeX and sanitised by
// DOMPurify before it reaches the DOM). While editing, the rendered notes follow below the
// text live. A graph without notes shows only a narrow tab, so the canvas has the room.
// The rendered notes sit in their own boundary: notes that fail to render say so there,
// and the editor above stays to fix them.
import { useMemo, useState } from 'react';
import 'katex/dist/katex.min.css';
import '../math/tex.css';
import { useGraphStore } from '../../store';
import { PanelBoundary } from '../ErrorBoundary';
import { SidePanel } from '../layout/SidePanel';
import { renderNotesMarkdown } from './markdown';
import { NotesEditor } from './NotesEditor';
import { notesOf } from './notesOf';
import { sanitizeNotesHtml } from './sanitize';

export function NotesBody({ notes }: { notes: string }) {
  const html = useMemo(() => (notes.trim() ? sanitizeNotesHtml(renderNotesMarkdown(notes)) : ''), [notes]);
  if (!html) return <p className="hint notes-empty">No notes for this graph yet.</p>;
  return <div className="notes-body" data-testid="instructor-notes-body" tabIndex={0} role="region" aria-label="Instructor notes text" dangerouslySetInnerHTML={{ __html: html }} />;
}

export function NotesPanel() {
  const notes = useGraphStore((s) => notesOf(s.doc));
  const [editingWanted, setEditing] = useState(false);
  // View only (src/store/lockSlice.ts): the notes are read, not edited.
  const viewOnly = useGraphStore((s) => s.viewOnly);
  const editing = editingWanted && !viewOnly;
  return (
    <SidePanel
      id="notes"
      side="right"
      title="instructor notes"
      tabLabel={notes.trim() ? 'Notes' : 'Add notes'}
      defaultSize={280}
      min={200}
      max={720}
      className="notes-panel"
      testId="instructor-notes"
      forceCollapsed={!notes.trim() && !editing}
      onExpand={() => {
        if (!notes.trim() && !viewOnly) setEditing(true);
      }}
    >
      <header>
        <h2>Instructor notes</h2>
        <button type="button" className="notes-edit-toggle" data-testid="notes-edit-toggle" aria-pressed={editing} disabled={viewOnly} onClick={() => setEditing(!editing)} title={editing ? 'Stop editing the notes' : 'Edit the notes'}>
          {editing ? 'Done' : 'Edit'}
        </button>
      </header>
      <div className="notes-scroll">
        {editing && <NotesEditor />}
        <PanelBoundary what="The instructor notes" className="notes-failed">
          <NotesBody notes={notes} />
        </PanelBoundary>
      </div>
    </SidePanel>
  );
}
