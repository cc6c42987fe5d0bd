// The document title, edited in place; it also names the saved file.
import { useGraphStore } from '../../store';
import { useCommittedText } from '../inspector/useCommittedText';

export function TitleInput() {
  const title = useGraphStore((s) => s.doc.meta.title);
  const { inputProps } = useCommittedText(title, (text) => {
    useGraphStore.getState().setTitle(text);
    return null;
  });
  return <input className="doc-title" type="text" maxLength={200} aria-label="Graph title" data-testid="doc-title" {...inputProps} />;
}
