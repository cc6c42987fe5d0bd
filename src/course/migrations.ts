// Course format versions and the up-migrations between them, as for graphs
// (src/graph/migrations.ts): an ordered list, each step taking a document of version `from`
// to version `to`, returning a new object and never mutating its input
// (migrations.test.ts runs each on deep-frozen fixtures kept in tests/fixtures/courses/).
// Steps see sanitized JSON and must not assume it is valid: the schema of the current
// version validates afterwards.
//
// Adding a version: bump COURSE_VERSION in document.ts, append a step here, keep a fixture
// of the old version in tests/fixtures/courses/v<N>/ and a test of the step on it.
import type { Json, JsonObject } from '../graph/migrations';
import { describe } from '../graph/problems';
import { COURSE_SOURCE, COURSE_VERSION } from './document';

export type { Json, JsonObject };

export interface CourseMigration {
  from: number;
  to: number;
  /** What the step changes, in a sentence (shown in the upgrade warning). */
  description: string;
  up(doc: Readonly<JsonObject>): JsonObject;
}

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

export const COURSE_MIGRATIONS: readonly CourseMigration[] = [
  {
    from: 0,
    to: 1,
    description: 'moves the title and description into "meta", gives every step an id ("step-1", …) and notes, and adds the header field "source"',
    up(doc) {
      const { title, description, ...rest } = doc;
      const meta: JsonObject = isObject(doc.meta) ? { ...doc.meta } : {};
      if (!('title' in meta) && title !== undefined) meta.title = title;
      if (!('description' in meta) && description !== undefined) meta.description = description;
      // Ids are only made up where a step has none; a made-up one never repeats a given one.
      const steps = Array.isArray(doc.steps) ? doc.steps : doc.steps;
      let upSteps: Json | undefined = steps;
      if (Array.isArray(steps)) {
        const taken = new Set(steps.flatMap((s) => (isObject(s) && typeof s.id === 'string' ? [s.id] : [])));
        let n = 0;
        const fresh = (): string => {
          let id: string;
          do id = `step-${++n}`;
          while (taken.has(id));
          taken.add(id);
          return id;
        };
        upSteps = steps.map((s) => {
          if (!isObject(s)) return s;
          const out: JsonObject = { ...s };
          if (!('id' in out)) out.id = fresh();
          if (!('notes' in out)) out.notes = '';
          return out;
        });
      }
      const out: JsonObject = { ...rest, version: 1, source: typeof doc.source === 'string' ? doc.source : COURSE_SOURCE, meta };
      if (upSteps !== undefined) out.steps = upSteps;
      return out;
    },
  },
];

/** The oldest version this build reads. */
export const OLDEST_COURSE_VERSION = COURSE_MIGRATIONS.length ? COURSE_MIGRATIONS[0].from : COURSE_VERSION;

export type VersionRead = { ok: true; version: number; warnings: string[] } | { ok: false; error: string };

/**
 * The version a course declares. A header with the right `format` but no `version` is the
 * draft layout, version 0 (said in a warning). Anything else that is not a whole number
 * from OLDEST_COURSE_VERSION to COURSE_VERSION is refused; a newer version names both.
 */
export function readCourseVersion(raw: Readonly<Record<string, unknown>>, fileName: string, current = COURSE_VERSION, oldest = OLDEST_COURSE_VERSION): VersionRead {
  if (!Object.prototype.hasOwnProperty.call(raw, 'version') || raw.version === undefined) {
    return { ok: true, version: 0, warnings: [`${fileName} has no "version" in its header, so it was read as course format version 0 (the draft layout).`] };
  }
  const v = raw.version;
  if (typeof v === 'number' && Number.isInteger(v) && v > current) {
    return { ok: false, error: `${fileName} was saved by a newer Latent Canvas (course format version ${v}; this one reads versions ${oldest} to ${current}). Update the app to open it.` };
  }
  if (typeof v !== 'number' || !Number.isInteger(v) || v < oldest) {
    return { ok: false, error: `${fileName}: version must be a whole number from ${oldest} to ${current}, not ${describe(v)}.` };
  }
  return { ok: true, version: v, warnings: [] };
}

/** The steps from `version` up to `current`, in order. */
export function courseMigrationsFrom(version: number, migrations: readonly CourseMigration[] = COURSE_MIGRATIONS, current = COURSE_VERSION): CourseMigration[] {
  const steps: CourseMigration[] = [];
  let v = version;
  while (v < current) {
    const step = migrations.find((m) => m.from === v);
    if (!step) throw new Error(`No course migration from format version ${v}.`);
    steps.push(step);
    v = step.to;
  }
  return steps;
}

/** Applies every step from `version` to the current one; the input is left untouched. */
export function migrateCourse(
  doc: Readonly<JsonObject>,
  version: number,
  migrations: readonly CourseMigration[] = COURSE_MIGRATIONS,
  current = COURSE_VERSION,
): { doc: JsonObject; applied: CourseMigration[] } {
  const applied = courseMigrationsFrom(version, migrations, current);
  let out = doc as JsonObject;
  for (const step of applied) {
    out = step.up(out);
    if (out.version !== step.to) throw new Error(`The course migration from version ${step.from} did not set version ${step.to}.`);
  }
  return { doc: out, applied };
}
