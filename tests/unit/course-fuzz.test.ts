// Any course file, no crash (after fuzz.test.ts, smaller): generated bad courses — the
// lecture cut to a few steps with hostile or benign edits anywhere (steps, tasks, the graphs
// inside), random JSON with a course header, corrupted text and values only code can hand
// over — go through the course parser. No exception may escape; every refusal is a short
// list of sentences; every course that opens is valid and re-opens from its own saved text
// unchanged; and nothing reaches a shared prototype.
//   COURSE_FUZZ_RUNS=20000 npx vitest run tests/unit/course-fuzz.test.ts   (default 1,500)
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { COURSE_INTERNAL_ERROR, parseCourseText, parseCourseValue, serializeCourse, type CourseParseResult } from '../../src/course/parse';
import { COURSE_FORMAT, COURSE_SOURCE, courseFileSchema } from '../../src/course/document';
import { COURSE_LIMITS } from '../../src/course/limits';
import { GRAPH_SOURCE } from '../../src/graph/document';
import { getAt, junkJson, nested, pathsOf, pollution, POLLUTION_KEY, setAt } from './fuzz.arbitraries';
import { prototypeChanges, snapshotPrototypes } from './prototypeSnapshot';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

const TOTAL = Number(process.env.COURSE_FUZZ_RUNS) || 1500;
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
const runs = (share: number) => ({ numRuns: Math.max(1, Math.round(TOTAL * share)), seed: SEED, endOnFailure: true });

const lectureText = readFileSync('courses/lecture.course.json', 'utf8');
/** The lecture cut to `n` steps from `from` on (small, so each run is quick). */
function baseCourse(from: number, n: number): Obj {
  const c = JSON.parse(lectureText) as Obj;
  const steps = c.steps as Json[];
  c.steps = steps.slice(from % steps.length, (from % steps.length) + n);
  return c;
}

const tally = { documents: 0, opened: 0, refused: 0, pollutionAttempts: 0 };
const prototypesBefore = snapshotPrototypes();
const tries = (text: string) => text.includes(`"${POLLUTION_KEY}"`) && /"(__proto__|prototype)"/.test(text);

function check(r: CourseParseResult): void {
  tally.documents++;
  if (!r.ok) {
    tally.refused++;
    expect('course' in r).toBe(false);
    expect(r.errors.length).toBeGreaterThan(0);
    expect(r.errors.length).toBeLessThanOrEqual(COURSE_LIMITS.problemsListed + 1);
    for (const e of r.errors) {
      expect(typeof e).toBe('string');
      expect(e).not.toContain(COURSE_INTERNAL_ERROR);
      expect(e).not.toContain('internal error');
      expect(e.length).toBeLessThan(2000);
    }
    return;
  }
  tally.opened++;
  for (const w of r.warnings) expect(w.length).toBeLessThan(2000);
  expect(courseFileSchema.safeParse({ ...r.course, steps: r.course.steps.map((s) => ({ ...s, graph: { ...s.graph } })) }).success).toBe(true);
  const again = parseCourseText(serializeCourse(r.course), 'saved.course.json');
  if (!again.ok) throw new Error(`a course that opened does not re-open from its saved text: ${again.errors.join(' ')}`);
  expect(again.warnings).toEqual([]);
  // Saving stamps this app as the source, of the course and of each step's graph (as saving a graph does).
  expect(again.course).toEqual({ ...r.course, source: COURSE_SOURCE, steps: r.course.steps.map((s) => ({ ...s, graph: { ...s.graph, source: GRAPH_SOURCE } })) });
}


type Op =
  | { op: 'delete' | 'nullify' | 'duplicate'; at: number }
  | { op: 'replace'; at: number; value: Json }
  | { op: 'protoKey'; at: number; key: string; value: Json }
  | { op: 'deep'; at: number; depth: number; objects: boolean }
  | { op: 'huge'; at: number; n: number }
  | { op: 'longText'; at: number; n: number }
  | { op: 'version'; value: Json | undefined }
  | { op: 'stepId'; step: number; value: Json };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constantFrom('delete' as const, 'nullify' as const, 'duplicate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('replace' as const), at: fc.nat(), value: junkJson }),
  fc.record({ op: fc.constant('protoKey' as const), at: fc.nat(), key: fc.constantFrom('__proto__', 'constructor', 'prototype'), value: fc.oneof(pollution, junkJson) }),
  fc.record({ op: fc.constant('deep' as const), at: fc.nat(), depth: fc.integer({ min: 30, max: 200 }), objects: fc.boolean() }),
  fc.record({ op: fc.constant('huge' as const), at: fc.nat(), n: fc.integer({ min: 100, max: 2000 }) }),
  fc.record({ op: fc.constant('longText' as const), at: fc.nat(), n: fc.constantFrom(COURSE_LIMITS.titleChars + 1, COURSE_LIMITS.notesChars + 1, 1000) }),
  fc.record({ op: fc.constant('version' as const), value: fc.option(fc.constantFrom<Json>(0, 1, 2, -1, 1.5, '1', null), { nil: undefined }) }),
  fc.record({ op: fc.constant('stepId' as const), step: fc.nat(), value: fc.constantFrom<Json>('ppca', '', '__proto__', 'x'.repeat(65), 3, null) }),
);

function applyOp(doc: Obj, o: Op): void {
  if (o.op === 'version') {
    if (o.value === undefined) delete doc.version;
    else doc.version = o.value;
    return;
  }
  if (o.op === 'stepId') {
    const steps = Array.isArray(doc.steps) ? doc.steps : [];
    const s = steps[o.step % Math.max(1, steps.length)];
    if (s && typeof s === 'object' && !Array.isArray(s)) s.id = o.value;
    return;
  }
  const paths = pathsOf(doc, [], [], 10).filter((p) => p.length > 0);
  const path = paths[o.at % paths.length];
  switch (o.op) {
    case 'delete':
      return setAt(doc, path, undefined);
    case 'nullify':
      return setAt(doc, path, null);
    case 'duplicate': {
      const parent = getAt(doc, path.slice(0, -1));
      const v = getAt(doc, path);
      if (Array.isArray(parent) && v !== undefined) parent.push(structuredClone(v));
      return;
    }
    case 'replace':
      return setAt(doc, path, o.value);
    case 'protoKey': {
      const at = getAt(doc, path);
      const target = at && typeof at === 'object' && !Array.isArray(at) ? at : doc;
      Object.defineProperty(target, o.key, { value: o.value, enumerable: true, writable: true, configurable: true });
      return;
    }
    case 'deep':
      return setAt(doc, path, nested(o.depth, o.objects));
    case 'huge':
      return setAt(doc, path, Array.from({ length: o.n }, (_, i) => i));
    case 'longText':
      return setAt(doc, path, 'x'.repeat(o.n));
  }
}

const mutatedCourse: fc.Arbitrary<Obj> = fc
  .record({ from: fc.nat(), n: fc.integer({ min: 1, max: 3 }), ops: fc.array(opArb, { minLength: 0, maxLength: 4 }) })
  .map(({ from, n, ops }) => {
    const doc = baseCourse(from, n);
    for (const o of ops) applyOp(doc, o);
    return doc;
  });

const randomCourse: fc.Arbitrary<Json> = fc.oneof(
  fc.jsonValue({ maxDepth: 5 }) as fc.Arbitrary<Json>,
  fc.record({
    format: fc.oneof(fc.constant(COURSE_FORMAT), junkJson),
    version: fc.oneof(fc.constantFrom<Json>(0, 1), junkJson),
    title: junkJson,
    meta: fc.oneof(fc.dictionary(fc.constantFrom('id', 'title', 'description', '__proto__', 'constructor'), fc.oneof(pollution, junkJson), { maxKeys: 4 }), junkJson),
    steps: fc.oneof(fc.array(fc.dictionary(fc.constantFrom('id', 'title', 'notes', 'graph', 'tasks', '__proto__'), fc.oneof(pollution, junkJson), { maxKeys: 5 }), { maxLength: 4 }), junkJson),
  }) as fc.Arbitrary<Json>,
);

const smallText = JSON.stringify(baseCourse(0, 2));
const corruptedCourseText: fc.Arbitrary<string> = fc
  .array(
    fc.record({
      at: fc.nat(),
      len: fc.integer({ min: 0, max: 40 }),
      insert: fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('[', ']', '{', '}', ',', '"', '\\', ':', '1e999', 'NaN', '"__proto__":{"polluted":1},', '"constructor":{"prototype":{"polluted":1}},', '[[[[[[[[', '\ufeff')),
    }),
    { minLength: 1, maxLength: 4 },
  )
  .map((edits) => {
    let t = smallText;
    for (const e of edits) {
      const at = e.at % (t.length + 1);
      t = t.slice(0, at) + e.insert + t.slice(at + e.len);
    }
    return t;
  });

describe('course fuzz: no exception escapes the course parser', () => {
  const started = Date.now();
  afterAll(() => {
    expect(prototypeChanges(prototypesBefore)).toEqual([]);
    expect(({} as Record<string, unknown>)[POLLUTION_KEY]).toBeUndefined();
    expect(tally.pollutionAttempts).toBeGreaterThan(Math.min(10, TOTAL / 300));
    expect(tally.opened).toBeGreaterThan(0);
    console.log(`course fuzz: ${tally.documents} documents (${tally.opened} opened, ${tally.refused} refused; ${tally.pollutionAttempts} tried to pollute a prototype) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

  it('mutated lecture courses, as text and as values', () => {
    fc.assert(
      fc.property(mutatedCourse, (doc) => {
        const text = JSON.stringify(doc);
        if (tries(text)) tally.pollutionAttempts++;
        check(parseCourseValue(doc, 'fuzz.course.json'));
        check(parseCourseText(text, 'fuzz.course.json'));
      }),
      runs(0.45),
    );
  });

  it('random JSON, with and without a course header', () => {
    fc.assert(
      fc.property(randomCourse, (doc) => {
        const text = JSON.stringify(doc);
        if (tries(text)) tally.pollutionAttempts++;
        check(parseCourseText(text, 'fuzz.course.json'));
      }),
      runs(0.25),
    );
  });

  it('corrupted text', () => {
    fc.assert(
      fc.property(corruptedCourseText, (text) => {
        if (tries(text)) tally.pollutionAttempts++;
        check(parseCourseText(text, 'fuzz.course.json'));
      }),
      runs(0.2),
    );
  });

  it('values only code can hand over (NaN, cycles, functions, getters)', () => {
    fc.assert(
      fc.property(fc.record({ from: fc.nat(), at: fc.nat(), kind: fc.constantFrom('nan', 'fn', 'date', 'cycle', 'getter', 'symbol', 'bigint', 'undef') }), ({ from, at, kind }) => {
        const doc = baseCourse(from, 1) as Record<string, unknown>;
        const paths = pathsOf(doc as Obj).filter((p) => p.length > 0 && p.length < 6);
        const path = paths[at % paths.length];
        const parent = getAt(doc as Obj, path.slice(0, -1)) as Record<string | number, unknown>;
        const key = path[path.length - 1];
        const values: Record<string, () => unknown> = { nan: () => NaN, fn: () => () => 1, date: () => new Date(0), cycle: () => doc, symbol: () => Symbol('s'), bigint: () => BigInt(1), undef: () => undefined, getter: () => 0 };
        if (kind === 'getter') Object.defineProperty(parent, key, { enumerable: true, get: () => 1 });
        else parent[key] = values[kind]();
        check(parseCourseValue(doc, 'fuzz.course.json'));
      }),
      runs(0.1),
    );
  });
});
