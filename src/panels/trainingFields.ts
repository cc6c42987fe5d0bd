// The training settings as form fields. The document's zod schema decides what is valid;
// these add the label and the sentence shown when a value is refused.
import { trainingSchema, type TrainingSettings } from '../graph/document';

export type NumericKey = Exclude<keyof TrainingSettings, 'optimizer'>;

export interface NumericField {
  key: NumericKey;
  label: string;
  step: string;
  min: number;
  max: number;
  /** What a valid value looks like, as the end of a sentence. */
  rule: string;
}

export const numericFields: NumericField[] = [
  { key: 'learningRate', label: 'Learning rate', step: 'any', min: 0, max: 10, rule: 'a number greater than 0 and at most 10' },
  { key: 'batchSize', label: 'Batch size', step: '1', min: 1, max: 65536, rule: 'a whole number from 1 to 65536' },
  { key: 'epochs', label: 'Epochs', step: '1', min: 1, max: 100000, rule: 'a whole number from 1 to 100000' },
  { key: 'seed', label: 'Seed', step: '1', min: 0, max: 2 ** 31 - 1, rule: `a whole number from 0 to ${2 ** 31 - 1}` },
  { key: 'testFraction', label: 'Test fraction', step: '0.05', min: 0, max: 0.9, rule: 'a number from 0 to 0.9' },
  // The held-out NLL of a non-linear model is importance-sampled with K samples per example.
  { key: 'evalSamples', label: 'NLL samples K', step: '1', min: 1, max: 100000, rule: 'a whole number from 1 to 100000' },
];

export type FieldCheck = { ok: true; value: number } | { ok: false; error: string };

/** Parses the text of a numeric field against the document schema. */
export function checkNumericField(field: NumericField, text: string): FieldCheck {
  const trimmed = text.trim();
  const value = trimmed === '' ? NaN : Number(trimmed);
  const refuse = (): FieldCheck => ({ ok: false, error: `${field.label} must be ${field.rule}.` });
  if (!Number.isFinite(value)) return refuse();
  const parsed = trainingSchema.shape[field.key].safeParse(value);
  return parsed.success ? { ok: true, value: parsed.data as number } : refuse();
}

export const optimizerOptions: { value: TrainingSettings['optimizer']; label: string }[] = [
  { value: 'adam', label: 'Adam' },
  { value: 'sgd', label: 'SGD' },
];
