// A text input bound to a document value: it shows what the person typed while they type
// (even when it is not valid yet), commits each valid edit at once, and groups one
// focus-to-blur session into one undo step.
import { useEffect, useRef, useState } from 'react';
import { useGraphStore } from '../../store';

/** Returns an error sentence, or null when the text was accepted and applied. */
export type Commit = (text: string) => string | null;

export function useCommittedText(value: string, commit: Commit) {
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const focused = useRef(false);

  // The document changed from elsewhere (undo, another node's edit): show it.
  useEffect(() => {
    if (focused.current) return;
    setDraft(null);
    setError(null);
  }, [value]);

  // Unmounted mid-edit (the node was removed, say): close the undo step it opened.
  useEffect(
    () => () => {
      if (focused.current) useGraphStore.getState().endGesture();
    },
    [],
  );

  return {
    error,
    inputProps: {
      value: draft ?? value,
      onChange: (e: { target: { value: string } }) => {
        const text = e.target.value;
        setDraft(text);
        setError(commit(text));
      },
      onFocus: () => {
        focused.current = true;
        useGraphStore.getState().beginGesture();
      },
      onBlur: () => {
        focused.current = false;
        useGraphStore.getState().endGesture();
        if (!error) setDraft(null);
      },
      onKeyDown: (e: { key: string; currentTarget: HTMLInputElement }) => {
        if (e.key === 'Escape') {
          setDraft(null);
          setError(null);
        }
        if (e.key === 'Enter') e.currentTarget.blur();
      },
    },
  };
}
