// What a person typed into a field, turned into a param value — or a sentence saying why
// not. Range and schema checks follow in the store (the kind's zod schema has the last word).
import type { FieldSpec } from '../../nodes/types';

export type FieldParse = { ok: true; value: unknown } | { ok: false; error: string };

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function parseNumber(field: Extract<FieldSpec, { type: 'number' }>, text: string): FieldParse {
  const t = text.trim();
  if (!NUMBER.test(t)) return { ok: false, error: 'Enter a number.' };
  const v = Number(t);
  if (!Number.isFinite(v)) return { ok: false, error: 'Enter a finite number.' };
  if (field.integer && !Number.isInteger(v)) return { ok: false, error: 'Enter a whole number.' };
  if (field.min !== undefined && v < field.min) return { ok: false, error: `Must be at least ${field.min}.` };
  if (field.max !== undefined && v > field.max) return { ok: false, error: `Must be at most ${field.max}.` };
  return { ok: true, value: v };
}

function parseDimOrData(text: string): FieldParse {
  const t = text.trim().toLowerCase();
  if (t === 'data') return { ok: true, value: 'data' };
  if (/^\d+$/.test(t) && Number(t) > 0) return { ok: true, value: Number(t) };
  return { ok: false, error: 'Enter a positive whole number or the word "data".' };
}

function parseIntList(text: string): FieldParse {
  const parts = text.split(/[,\s]+/).filter(Boolean);
  if (parts.some((p) => !/^\d+$/.test(p) || Number(p) < 1)) return { ok: false, error: 'Enter positive whole numbers separated by commas, e.g. 512, 256.' };
  return { ok: true, value: parts.map(Number) };
}

/** For text-typed fields only (number, dim-or-data, int-list, text); selects and checkboxes need no parsing. */
export function parseFieldText(field: FieldSpec, text: string): FieldParse {
  if (field.type === 'number') return parseNumber(field, text);
  if (field.type === 'dim-or-data') return parseDimOrData(text);
  if (field.type === 'int-list') return parseIntList(text);
  return { ok: true, value: text };
}

export function formatFieldValue(value: unknown): string {
  if (Array.isArray(value)) return value.join(', ');
  return value === undefined || value === null ? '' : String(value);
}
