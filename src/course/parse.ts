// Text → Course, or a list of sentences a person can act on, naming the step and the field
// ("lecture.course.json: step 3 (“Monte Carlo…”), task 1 (“…”): conditions[0].min: must be
// at least 1."). Never throws. The pipeline follows the graph parser's (src/graph/parse.ts),
// each stage seeing only what the one before let through:
//   size and nesting of the text → JSON.parse → is it a course (format) → which version →
//   sanitize (hostile keys, depth, NaN, non-JSON values; a fresh copy) → migrations up to
//   COURSE_VERSION → the schema of the current version (tasks by the task schema) →
//   step ids unique → each step's graph through the graph parser itself.
// Nothing from a file is ever evaluated as code: it is JSON data checked against schemas.
import type { z } from 'zod';
import { GRAPH_FORMAT, GRAPH_SOURCE, GRAPH_VERSION, type GraphDoc } from '../graph/document';
import { parseGraphValue } from '../graph/parse';
import { Problems, describe, issueText, quote, where, type Path } from '../graph/problems';
import { sanitizeJson } from '../graph/sanitize';
import { readBoundedJson } from '../graph/boundedJson';
import { COURSE_FORMAT, COURSE_SOURCE, COURSE_VERSION, courseFileSchema, courseMetaSchema, courseStepSchema, type Course, type CourseStep } from './document';
import { COURSE_LIMITS, courseTooLargeText, formatCourseLimit } from './limits';
import { migrateCourse, readCourseVersion, type Json, type JsonObject } from './migrations';

export type CourseParseResult = { ok: true; course: Course; warnings: string[] } | { ok: false; errors: string[] };

/** Words that begin the one message a caller sees if a bug in this module ever threw (the fuzz test checks it never appears). */
export const COURSE_INTERNAL_ERROR = 'could not be read because of an internal error';

function guarded(fileName: string, read: () => CourseParseResult): CourseParseResult {
  try {
    return read();
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return { ok: false, errors: [`${fileName} ${COURSE_INTERNAL_ERROR} (${why.slice(0, 200)}). Please report it with the file.`] };
  }
}

export function parseCourseText(text: string, fileName = 'the course'): CourseParseResult {
  return guarded(fileName, () => {
    const read = readBoundedJson(text, fileName, { maxChars: COURSE_LIMITS.fileChars, tooLarge: courseTooLargeText, depth: COURSE_LIMITS.depth, depthText: formatCourseLimit('depth'), what: 'a course file' });
    return read.ok ? parseValue(read.value, fileName) : read;
  });
}

/** A value that should be a course (from JSON.parse, storage, a message): the same verdict. The value is never modified or kept. */
export function parseCourseValue(raw: unknown, fileName = 'the course'): CourseParseResult {
  return guarded(fileName, () => parseValue(raw, fileName));
}

/** Whether text declares itself a course, without parsing it (Open and drops use it to choose the parser). */
export function looksLikeCourse(text: string): boolean {
  if (typeof text !== 'string') return false;
  // A quote before "format" inside a JSON string is escaped (\"), so this matches a real key only.
  return /"format"\s*:\s*"latent-canvas\.course"/.test(text.slice(0, 1_000_000));
}

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `step 3 (“Title”)`: how a step is named in a sentence (1-based, as the step bar counts). */
export function stepRef(i: number, step: unknown): string {
  const title = isObject(step) && typeof step.title === 'string' && step.title.trim() ? ` (${quote(step.title.trim(), 50)})` : '';
  return `step ${i + 1}${title}`;
}

function taskRef(i: number, task: unknown): string {
  const title = isObject(task) && typeof task.title === 'string' && task.title.trim() ? ` (${quote(task.title.trim(), 50)})` : '';
  return `task ${i + 1}${title}`;
}

/** Where a path in the course sits, in words: `step 3 (“PPCA”), task 1 (“…”): conditions[0].min`. */
export function placeOf(path: Path, doc: Readonly<JsonObject>): string {
  if (path[0] !== 'steps' || typeof path[1] !== 'number') return where(path);
  const steps = doc.steps as Json[] | undefined;
  const step = Array.isArray(steps) ? steps[path[1]] : undefined;
  const head = stepRef(path[1], step);
  if (path.length === 2) return head;
  if (path[2] === 'tasks' && typeof path[3] === 'number') {
    const tasks = isObject(step) ? step.tasks : undefined;
    const task = Array.isArray(tasks) ? tasks[path[3]] : undefined;
    const t = `${head}, ${taskRef(path[3], task)}`;
    return path.length === 4 ? t : `${t}: ${where(path.slice(4))}`;
  }
  return `${head}: ${where(path.slice(2))}`;
}

/** The graph parser and sanitizer speak of "a graph file"; here the whole file is a course. */
const asCourse = (m: string) => m.replace(/a graph file/g, 'a course file').replace(/for a graph file/g, 'for a course file');

const KNOWN = {
  top: new Set(['format', 'version', 'source', 'meta', 'steps']),
  meta: new Set(Object.keys(courseMetaSchema.shape)),
  step: new Set(Object.keys(courseStepSchema.shape)),
};

function noteUnknown(warnings: Problems, place: string, v: unknown, known: ReadonlySet<string>): void {
  if (!isObject(v)) return;
  const keys = Object.keys(v).filter((k) => !known.has(k));
  if (!keys.length) return;
  const shown = keys.slice(0, 5).map((k) => quote(k, 40)).join(', ');
  const more = keys.length > 5 ? ` and ${keys.length - 5} more` : '';
  warnings.add(`${place}: ignored the unknown field${keys.length > 1 ? 's' : ''} ${shown}${more}.`);
}

function parseValue(raw: unknown, fileName: string): CourseParseResult {
  const refuse = (problems: Problems): CourseParseResult => ({ ok: false, errors: problems.list((e) => `${fileName}: ${e}`) });
  if (!isObject(raw)) {
    return { ok: false, errors: [`${fileName} does not hold a course (expected a JSON object with "format": "${COURSE_FORMAT}").`] };
  }
  const format = Object.prototype.hasOwnProperty.call(raw, 'format') ? raw.format : undefined;
  if (format !== COURSE_FORMAT) {
    if (format === GRAPH_FORMAT) return { ok: false, errors: [`${fileName} is a Latent Canvas graph, not a course (its "format" is "${GRAPH_FORMAT}"); open it as a graph.`] };
    const shown = typeof format === 'string' ? quote(format) : format === undefined ? 'missing' : 'not text';
    return { ok: false, errors: [`${fileName} is not a Latent Canvas course (its "format" is ${shown}, expected "${COURSE_FORMAT}").`] };
  }
  const version = readCourseVersion(raw, fileName);
  if (!version.ok) return { ok: false, errors: [version.error] };

  const warnings = new Problems();
  version.warnings.forEach((w) => warnings.add(w));
  const sanitizeErrors = new Problems();
  const clean = sanitizeJson(raw, sanitizeErrors) as JsonObject;
  if (sanitizeErrors.count) return { ok: false, errors: sanitizeErrors.list((e) => `${fileName}: ${asCourse(e)}`) };

  const { doc: current, applied } = migrateCourse({ ...clean, version: version.version }, version.version);
  if (applied.length) {
    warnings.add(`${fileName} was saved in course format version ${version.version} and was upgraded to version ${COURSE_VERSION} (${applied.map((m) => m.description).join('; ')}); saving writes version ${COURSE_VERSION}.`);
  }
  noteUnknown(warnings, 'the course', current, KNOWN.top);
  noteUnknown(warnings, 'meta', current.meta, KNOWN.meta);
  if (Array.isArray(current.steps)) current.steps.slice(0, COURSE_LIMITS.steps).forEach((s, i) => noteUnknown(warnings, stepRef(i, s), s, KNOWN.step));

  const errors = new Problems();
  const parsed = courseFileSchema.safeParse(current, { reportInput: true });
  if (!parsed.success) {
    addIssues(errors, parsed.error, current);
    return refuse(errors);
  }
  const file = parsed.data;

  const ids = new Map<string, number>();
  file.steps.forEach((s, i) => {
    const first = ids.get(s.id);
    if (first !== undefined) errors.add(`${stepRef(i, s)}: the step id ${quote(s.id)} is already used by ${stepRef(first, file.steps[first])}; step ids must be unique.`);
    else ids.set(s.id, i);
  });

  const steps: CourseStep[] = [];
  file.steps.forEach((s, i) => {
    const label = `${stepRef(i, s)}, its graph`;
    const g = parseGraphValue(s.graph, label);
    if (!g.ok) {
      for (const e of g.errors) errors.add(e);
      return;
    }
    for (const w of g.warnings) warnings.add(w);
    const step: CourseStep = { id: s.id, title: s.title, notes: s.notes, graph: g.doc };
    if (s.tasks !== undefined) step.tasks = s.tasks;
    steps.push(step);
  });
  if (errors.count) return refuse(errors);

  const meta = { ...file.meta };
  if (meta.id === undefined) delete meta.id;
  return {
    ok: true,
    course: { format: COURSE_FORMAT, version: COURSE_VERSION, source: file.source, meta, steps },
    warnings: warnings.list(),
  };
}

function addIssues(problems: Problems, err: z.ZodError, doc: Readonly<JsonObject>): void {
  for (const issue of err.issues) {
    const place = placeOf(issue.path as Path, doc);
    let text = issueText(issue);
    if (issue.code === 'invalid_type' && issue.path.length === 0) text = `must be an object, not ${describe(doc)}`;
    problems.add(`${place === 'the file' ? '' : `${place}: `}${text.replace(/\.$/, '')}.`);
  }
}

/** A step's graph as a graph file of the current version (the header first, as a saved graph). */
function graphFileValue(doc: GraphDoc): Record<string, unknown> {
  const { format: _f, version: _v, source: _s, ...body } = doc;
  return { format: GRAPH_FORMAT, version: GRAPH_VERSION, source: GRAPH_SOURCE, ...body };
}

/** The course as a file of the current version, written by this app. */
export function courseFileValue(course: Course): Record<string, unknown> {
  return {
    format: COURSE_FORMAT,
    version: COURSE_VERSION,
    source: COURSE_SOURCE,
    meta: course.meta,
    steps: course.steps.map((s) => {
      const out: Record<string, unknown> = { id: s.id, title: s.title, notes: s.notes, graph: graphFileValue(s.graph) };
      if (s.tasks !== undefined) out.tasks = s.tasks;
      return out;
    }),
  };
}

export function serializeCourse(course: Course): string {
  return JSON.stringify(courseFileValue(course), null, 2) + '\n';
}
