// The document title, edited in place; it also names the saved file.
import { useGraphStore } from '../../store';
import { useCommittedText } from '../inspector/useCommittedText';

export function TitleInput() {
  const title = useGraphStore((s) => s.doc.meta.title);
  const viewOnly = useGraphStore((s) => s.viewOnly);
  // A refusal (past the title limit) is also on the status line; the field keeps the text.
  const { inputProps } = useCommittedText(title, (text) => useGraphStore.getState().setTitle(text));
  return <input className="doc-title" type="text" maxLength={200} aria-label="Graph title" data-testid="doc-title" {...inputProps} readOnly={viewOnly} />;
}
