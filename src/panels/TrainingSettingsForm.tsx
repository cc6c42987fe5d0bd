// The document's training settings, edited in place. A valid value goes to the store at
// once (updateTraining); a refused one stays in the box with a sentence saying why, and
// the document keeps its previous value.
import { useEffect, useId, useRef, useState } from 'react';
import { useGraphStore } from '../store';
import type { TrainingSettings } from '../graph/document';
import { checkNumericField, numericFields, optimizerOptions, type NumericField } from './trainingFields';

interface NumericInputProps {
  field: NumericField;
  value: number;
  disabled: boolean;
  /** Applies the value; returns the store's refusal, if any. */
  onCommit: (value: number) => string | undefined;
}

function NumericInput({ field, value, disabled, onCommit }: NumericInputProps) {
  const id = useId();
  const [text, setText] = useState(String(value));
  const [error, setError] = useState<string | undefined>();
  const committed = useRef(value);
  // Typing in one box is one undo step: a gesture from focus to blur.
  const inGesture = useRef(false);
  const endGesture = () => {
    if (!inGesture.current) return;
    inGesture.current = false;
    useGraphStore.getState().endGesture();
  };
  const beginGesture = () => {
    if (inGesture.current) return;
    inGesture.current = true;
    useGraphStore.getState().beginGesture();
  };
  useEffect(() => endGesture, []); // eslint-disable-line react-hooks/exhaustive-deps

  // A change from elsewhere (undo, opening a file) replaces the draft.
  useEffect(() => {
    if (value !== committed.current) {
      committed.current = value;
      setText(String(value));
      setError(undefined);
    }
  }, [value]);

  const onChange = (next: string) => {
    setText(next);
    const check = checkNumericField(field, next);
    if (check.ok) {
      if (check.value === committed.current) {
        setError(undefined);
        return;
      }
      const refusal = onCommit(check.value);
      if (refusal === undefined) {
        committed.current = check.value;
        setError(undefined);
      } else {
        setError(`${field.label} ${refusal}. Keeping ${committed.current}.`);
      }
    } else {
      setError(`${check.error} Keeping ${committed.current}.`);
    }
  };

  return (
    <div className="lc-field">
      <label htmlFor={id}>{field.label}</label>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        step={field.step}
        min={field.min}
        max={field.max}
        value={text}
        disabled={disabled}
        aria-invalid={error !== undefined}
        data-testid={`train-field-${field.key}`}
        onChange={(e) => onChange(e.target.value)}
        onFocus={beginGesture}
        onBlur={endGesture}
      />
      {error !== undefined && (
        <div className="lc-field-error" role="alert" data-testid={`train-field-error-${field.key}`}>
          {error}
        </div>
      )}
    </div>
  );
}

export function TrainingSettingsForm({ disabled }: { disabled: boolean }) {
  const training = useGraphStore((s) => s.doc.training);
  const updateTraining = useGraphStore((s) => s.updateTraining);
  const optimizerId = useId();

  return (
    <fieldset className="lc-settings" disabled={disabled} data-testid="training-settings">
      <legend>Settings</legend>
      <div className="lc-field">
        <label htmlFor={optimizerId}>Optimizer</label>
        <select
          id={optimizerId}
          value={training.optimizer}
          data-testid="train-field-optimizer"
          onChange={(e) => updateTraining({ optimizer: e.target.value as TrainingSettings['optimizer'] })}
        >
          {optimizerOptions.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      {numericFields.map((f) => (
        <NumericInput
          key={f.key}
          field={f}
          value={training[f.key]}
          disabled={disabled}
          onCommit={(v) => {
            const r = updateTraining({ [f.key]: v } as Partial<TrainingSettings>);
            return r.ok ? undefined : (r.errors[f.key] ?? Object.values(r.errors)[0] ?? 'was refused');
          }}
        />
      ))}
    </fieldset>
  );
}
