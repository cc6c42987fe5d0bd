// Format versions and the up-migrations between them (after tldraw's tlschema): an ordered
// list, each step taking a document of version `from` to version `to`. A step returns a
// new object and never mutates its input (migrations.test.ts runs each on deep-frozen
// fixtures kept in tests/fixtures/graphs/). Steps see sanitized JSON (sanitize.ts) and
// must not assume it is valid: the schema of the current version validates afterwards.
//
// Adding a version: bump GRAPH_VERSION in document.ts, append a step here, keep a fixture
// of the old version in tests/fixtures/graphs/v<N>/ and a test of the step on it.
import { GRAPH_SOURCE, GRAPH_VERSION } from './document';
import { describe } from './problems';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface Migration {
  from: number;
  to: number;
  /** What the step changes, in a sentence (shown in the upgrade warning). */
  description: string;
  up(doc: Readonly<JsonObject>): JsonObject;
}

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

export const MIGRATIONS: readonly Migration[] = [
  {
    from: 1,
    to: 2,
    description: 'adds instructor notes (meta.notes), the header field "source" and an optional section of saved weights',
    up(doc) {
      // v1 had no `source`: every v1 file was written by Latent Canvas (or by hand after it).
      // A meta object gains empty notes unless it already has some; a missing meta stays
      // missing (the schema's default supplies one, notes included).
      const meta = isObject(doc.meta) && !('notes' in doc.meta) ? { ...doc.meta, notes: '' } : doc.meta;
      const out: JsonObject = { ...doc, version: 2, source: typeof doc.source === 'string' ? doc.source : GRAPH_SOURCE };
      if (meta !== undefined) out.meta = meta;
      return out;
    },
  },
  {
    from: 2,
    to: 3,
    description: 'adds a section of block definitions (empty), so parts of a graph can be grouped into reusable blocks',
    up(doc) {
      // v2 had no blocks: the section starts empty. One a hand-edited file already has is kept
      // (the schema checks it).
      return { ...doc, version: 3, blocks: doc.blocks !== undefined ? doc.blocks : {} };
    },
  },
];

/** The oldest version this build reads. */
export const OLDEST_VERSION = MIGRATIONS.length ? MIGRATIONS[0].from : GRAPH_VERSION;

export type VersionRead = { ok: true; version: number; warnings: string[] } | { ok: false; error: string };

/**
 * The version a document declares. A header with the right `format` but no `version` is
 * read as version 1 (the first format; some early hand-written files left it out), with a
 * warning. Anything else that is not a whole number from OLDEST_VERSION to GRAPH_VERSION
 * is refused, a newer version with a message naming both versions.
 */
export function readVersion(raw: Readonly<Record<string, unknown>>, fileName: string): VersionRead {
  if (!Object.prototype.hasOwnProperty.call(raw, 'version') || raw.version === undefined) {
    return { ok: true, version: 1, warnings: [`${fileName} has no "version" in its header, so it was read as format version 1 (the first Latent Canvas format).`] };
  }
  const v = raw.version;
  if (typeof v === 'number' && Number.isInteger(v) && v > GRAPH_VERSION) {
    return { ok: false, error: `${fileName} was saved by a newer Latent Canvas (format version ${v}; this one reads versions ${OLDEST_VERSION} to ${GRAPH_VERSION}). Update the app to open it.` };
  }
  if (typeof v !== 'number' || !Number.isInteger(v) || v < OLDEST_VERSION) {
    return { ok: false, error: `${fileName}: version must be a whole number from ${OLDEST_VERSION} to ${GRAPH_VERSION}, not ${describe(v)}.` };
  }
  return { ok: true, version: v, warnings: [] };
}

/** The steps from `version` up to GRAPH_VERSION, in order. */
export function migrationsFrom(version: number): Migration[] {
  const steps: Migration[] = [];
  let v = version;
  while (v < GRAPH_VERSION) {
    const step = MIGRATIONS.find((m) => m.from === v);
    if (!step) throw new Error(`No migration from format version ${v}.`);
    steps.push(step);
    v = step.to;
  }
  return steps;
}

/** Applies every step from `version` to the current one; the input is left untouched. */
export function migrate(doc: Readonly<JsonObject>, version: number): { doc: JsonObject; applied: Migration[] } {
  const applied = migrationsFrom(version);
  let out = doc as JsonObject;
  for (const step of applied) {
    out = step.up(out);
    if (out.version !== step.to) throw new Error(`The migration from version ${step.from} did not set version ${step.to}.`);
  }
  return { doc: out, applied };
}
