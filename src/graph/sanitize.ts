// The first look at anything that claims to be a graph: a deep copy that admits plain JSON
// data only. It refuses
//   - the keys __proto__, constructor and prototype anywhere (JSON.parse makes `__proto__`
//     an own property; copied by assignment or Object.assign it would replace an object's
//     prototype, so no such key travels any further);
//   - nesting deeper than LIMITS.depth, and cycles (from code: parseGraphValue);
//   - NaN and ±Infinity (JSON text cannot spell them, but "1e999" parses to Infinity, and
//     values handed over from code can hold them), except where the caller repairs them;
//   - functions, getters and setters, symbols, bigints, undefined in lists, and objects
//     that are not plain (Dates, Maps, class instances): nothing from a file is ever code,
//     and nothing in the value is ever called (no toJSON, valueOf or getter runs).
// The copy is made of fresh plain objects and arrays, so later stages never touch (or
// mutate) the caller's value. `undefined` object properties are dropped, as JSON would.
import { LIMITS, formatLimit } from './limits';
import { Problems, at, quote, type Path } from './problems';

export const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export interface SanitizeOptions {
  /** Paths where a non-finite number is kept for a later repair (positions, viewport). */
  keepNonFinite?: (path: Path) => boolean;
}

/** Stops a pathological shared-reference graph (built in code) from exploding the copy. */
const MAX_VALUES = LIMITS.fileChars;

export function sanitizeJson(value: unknown, errors: Problems, opts: SanitizeOptions = {}): unknown {
  const onPath = new Set<object>();
  let visited = 0;
  let budgetSpent = false;

  /** A property's stored value; a getter or setter is code, never run, and refused. */
  const stored = (o: object, key: string | number, path: (string | number)[]): unknown => {
    const d = Object.getOwnPropertyDescriptor(o, key);
    if (!d) return undefined;
    if (d.get || d.set) {
      errors.add(`${at(path)}is computed by a getter, not stored data; a graph file holds data only, never code.`);
      return null;
    }
    return d.value;
  };

  const visit = (v: unknown, path: (string | number)[]): unknown => {
    if (++visited > MAX_VALUES) {
      if (!budgetSpent) errors.add(`${at(path)}the document holds more than ${MAX_VALUES.toLocaleString('en-US')} values.`);
      budgetSpent = true;
      return null;
    }
    switch (typeof v) {
      case 'string':
      case 'boolean':
        return v;
      case 'number':
        // JSON has no −0 (it saves as 0), so it is read as 0: save → open stays exact.
        if (Object.is(v, -0)) return 0;
        if (Number.isFinite(v) || opts.keepNonFinite?.(path)) return v;
        errors.add(`${at(path)}${Number.isNaN(v) ? 'is NaN (not a number)' : `is ${v}, not a finite number (numbers this large overflow)`}.`);
        return null;
      case 'undefined':
        errors.add(`${at(path)}is undefined, which JSON cannot hold.`);
        return null;
      case 'object':
        break;
      default:
        errors.add(`${at(path)}is a ${typeof v}; a graph file holds data only, never code.`);
        return null;
    }
    if (v === null) return null;
    if (path.length >= LIMITS.depth) {
      errors.add(`${at(path)}nests deeper than ${formatLimit('depth')} levels, the limit for a graph file.`);
      return null;
    }
    if (onPath.has(v)) {
      errors.add(`${at(path)}refers back to one of its own parents (a cycle), which JSON cannot hold.`);
      return null;
    }
    onPath.add(v);
    try {
      if (Array.isArray(v)) {
        const out: unknown[] = new Array(v.length);
        for (let i = 0; i < v.length; i++) out[i] = visit(stored(v, i, path), [...path, i]);
        return out;
      }
      const proto = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null) {
        errors.add(`${at(path)}is a ${Object.prototype.toString.call(v).slice(8, -1)} object, not plain JSON data.`);
        return null;
      }
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(v)) {
        if (RESERVED_KEYS.has(key)) {
          errors.add(`${at(path)}has a key named "${key}", which is not allowed in a graph file (it could change how objects behave).`);
          continue;
        }
        if (key.length > LIMITS.keyChars) {
          errors.add(`${at(path)}has a key ${quote(key)} longer than ${formatLimit('keyChars')} characters.`);
          continue;
        }
        const child = stored(v, key, [...path, key]);
        if (child === undefined) continue;
        out[key] = visit(child, [...path, key]);
      }
      return out;
    } finally {
      onPath.delete(v);
    }
  };

  return visit(value, []);
}

/**
 * Deepest nesting of brackets in JSON text, and where it first passes `limit`. A linear
 * scan that understands strings, run before JSON.parse so that neither it nor the
 * recursive error locator ever sees a thousand-deep structure.
 */
export function scanDepth(text: string, limit: number): { depth: number; offset?: number } {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > max) {
        max = depth;
        if (max > limit) return { depth: max, offset: i };
      }
    } else if (c === 125 || c === 93) depth--;
  }
  return { depth: max };
}
