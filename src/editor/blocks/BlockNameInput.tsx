// The open block's name, edited in place: committed on Enter or blur (one undo step).
import { useEffect, useState } from 'react';
import { useGraphStore } from '../../store';

export function BlockNameInput({ defId, title }: { defId: string; title: string }) {
  const [text, setText] = useState(title);
  useEffect(() => setText(title), [title]);
  const commit = () => {
    const next = text.trim() || 'Block';
    if (next === title) return setText(title);
    if (useGraphStore.getState().renameBlock(defId, next) !== null) setText(title);
  };
  return (
    <input
      className="crumb-name"
      data-testid="block-name"
      aria-label="Block name"
      value={text}
      size={Math.max(6, Math.min(30, text.length + 1))}
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
        if (e.key === 'Escape') {
          setText(title);
          e.stopPropagation();
        }
      }}
    />
  );
}
