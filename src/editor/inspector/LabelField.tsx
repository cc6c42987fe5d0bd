// The node's own name, shown on the canvas instead of its kind's title.
import { useGraphStore } from '../../store';
import { useCommittedText } from './useCommittedText';

export function LabelField({ nodeId, label, placeholder }: { nodeId: string; label: string; placeholder: string }) {
  const { inputProps } = useCommittedText(label, (text) => {
    useGraphStore.getState().setNodeLabel(nodeId, text);
    return null;
  });
  return (
    <div className="field field-text">
      <label htmlFor={`label-${nodeId}`}>Label</label>
      <input id={`label-${nodeId}`} type="text" maxLength={200} placeholder={placeholder} data-testid="node-label" {...inputProps} />
    </div>
  );
}
