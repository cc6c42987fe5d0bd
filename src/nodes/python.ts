// Python literals for the export hooks (<kind>/export.ts): numbers that read back as the
// same float, strings that are safe in any source file.

/** A finite number as Python reads it back exactly (JS's shortest round-trip form). */
export function pyNumber(v: number): string {
  if (!Number.isFinite(v)) throw new Error(`${v} has no Python literal here`);
  const s = String(v);
  return /^-?\d+$/.test(s) ? `${s}.0` : s;
}

/** A Python string literal (JSON's escapes are Python's, and non-ASCII stays escaped). */
export function pyString(s: string): string {
  return JSON.stringify(s).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The Python name of an activation function in model.py's preamble. */
export function pyActivation(a: unknown): string {
  return pyString(typeof a === 'string' ? a : 'linear');
}
