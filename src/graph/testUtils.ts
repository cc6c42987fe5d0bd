// Helpers for the graph tests (not used by the app).
import { readFileSync, readdirSync } from 'node:fs';

/** Freezes a value and everything inside it: any mutation then throws (modules are strict). */
export function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const k of Object.keys(v)) deepFreeze((v as Record<string, unknown>)[k]);
  }
  return v;
}

/** `{ name: text }` for the .json files of a folder. */
export function jsonFiles(dir: string): { name: string; text: string }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((name) => ({ name, text: readFileSync(`${dir}/${name}`, 'utf8') }));
}
