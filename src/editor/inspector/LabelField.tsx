// The node's own name, shown on the canvas instead of its kind's title. A label the
// document's limits refuse is shown with the reason and not applied.
import { LIMITS } from '../../graph/limits';
import { useGraphStore } from '../../store';
import { useCommittedText } from './useCommittedText';

export function LabelField({ nodeId, label, placeholder }: { nodeId: string; label: string; placeholder: string }) {
  const { error, inputProps } = useCommittedText(label, (text) => useGraphStore.getState().setNodeLabel(nodeId, text));
  return (
    <div className="field field-text">
      <label htmlFor={`label-${nodeId}`}>Label</label>
      <input
        id={`label-${nodeId}`}
        type="text"
        maxLength={LIMITS.labelChars}
        placeholder={placeholder}
        data-testid="node-label"
        aria-invalid={!!error}
        className={error ? 'invalid' : undefined}
        {...inputProps}
      />
      {error ? (
        <div className="field-error" data-testid="field-error-label" role="alert">
          {error}
        </div>
      ) : null}
    </div>
  );
}
