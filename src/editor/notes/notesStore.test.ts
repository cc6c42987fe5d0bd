// Editing the notes goes through the store's updateMeta: one typing session is one undo step.
import { beforeEach, describe, expect, it } from 'vitest';
import { emptyDoc } from '../../graph/document';
import { useGraphStore } from '../../store';
import { notesOf, notesPatch } from './notesOf';

const store = useGraphStore;

beforeEach(() => store.getState().replaceDoc(emptyDoc()));

describe('notes in the store', () => {
  it('reads missing notes as empty', () => {
    const doc = emptyDoc();
    const { notes: _drop, ...meta } = doc.meta as typeof doc.meta & { notes?: string };
    expect(notesOf({ ...doc, meta: meta as typeof doc.meta })).toBe('');
  });

  it('updateMeta sets the notes, keeps the title, and a typing session is one undo step', () => {
    const s = store.getState();
    s.beginGesture();
    for (const text of ['#', '# N', '# Notes']) s.updateMeta(notesPatch(text));
    s.endGesture();
    expect(notesOf(store.getState().doc)).toBe('# Notes');
    expect(store.getState().doc.meta.title).toBe('Untitled graph');
    expect(store.temporal.getState().pastStates).toHaveLength(1);
    store.getState().undo();
    expect(notesOf(store.getState().doc)).toBe('');
  });

  it('an update that changes nothing adds no step', () => {
    store.getState().updateMeta({ title: 'Untitled graph' });
    expect(store.temporal.getState().pastStates).toHaveLength(0);
  });
});
