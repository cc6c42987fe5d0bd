// One inspector field, generated from a FieldSpec. An invalid edit shows its error under
// the field and is not applied: the document keeps the last valid value.
import { useId } from 'react';
import type { FieldSpec } from '../../nodes/types';
import { useGraphStore } from '../../store';
import { formatFieldValue, parseFieldText } from './fieldText';
import { useCommittedText } from './useCommittedText';

interface Props {
  nodeId: string;
  field: FieldSpec;
  value: unknown;
}

function firstError(errors: Record<string, string>, key: string): string {
  return errors[key] ?? Object.values(errors)[0] ?? 'This value is not allowed.';
}

function TextLikeField({ nodeId, field, value, id }: Props & { id: string }) {
  const { error, inputProps } = useCommittedText(formatFieldValue(value), (text) => {
    const parsed = parseFieldText(field, text);
    if (!parsed.ok) return parsed.error;
    const r = useGraphStore.getState().updateParams(nodeId, { [field.key]: parsed.value });
    return r.ok ? null : firstError(r.errors, field.key);
  });
  return (
    <>
      <input
        id={id}
        type="text"
        inputMode={field.type === 'number' ? 'decimal' : undefined}
        placeholder={field.type === 'dim-or-data' ? 'a number, or data' : undefined}
        data-testid={`field-${field.key}`}
        aria-invalid={!!error}
        className={error ? 'invalid' : undefined}
        {...inputProps}
      />
      {error ? (
        <div className="field-error" data-testid={`field-error-${field.key}`} role="alert">
          {error}
        </div>
      ) : null}
    </>
  );
}

export function ParamField(props: Props) {
  const { nodeId, field, value } = props;
  const id = useId();
  const apply = (v: unknown) => useGraphStore.getState().updateParams(nodeId, { [field.key]: v });
  let input;
  if (field.type === 'select') {
    input = (
      <select id={id} data-testid={`field-${field.key}`} value={formatFieldValue(value)} onChange={(e) => apply(e.target.value)}>
        {field.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  } else if (field.type === 'boolean') {
    input = <input id={id} type="checkbox" data-testid={`field-${field.key}`} checked={value === true} onChange={(e) => apply(e.target.checked)} />;
  } else {
    input = <TextLikeField {...props} id={id} />;
  }
  return (
    <div className={`field field-${field.type}`}>
      <label htmlFor={id}>{field.label}</label>
      {input}
      {field.help ? <div className="field-help">{field.help}</div> : null}
    </div>
  );
}
