// The graph's instructor notes (meta.notes, markdown). Read defensively, so this compiles
// and works whether or not the document type declares the field yet.
import type { GraphDoc } from '../../graph/document';

export function notesOf(doc: GraphDoc): string {
  const notes = (doc.meta as { notes?: unknown }).notes;
  return typeof notes === 'string' ? notes : '';
}

/** A meta patch that sets the notes. */
export function notesPatch(notes: string): Partial<GraphDoc['meta']> {
  return { notes } as Partial<GraphDoc['meta']>;
}
