// The course format: round trip, the migration from the draft layout, the stated limits,
// sentences that name the step and the field, and hostile input refused as the graph parser
// refuses it. (The fuzz test is tests/unit/course-fuzz.test.ts.)
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { deepFreeze, jsonFiles } from '../graph/testUtils';
import { parseGraphText } from '../graph/parse';
import { COURSE_FORMAT, COURSE_SOURCE, COURSE_VERSION, courseKey, stepKey, type Course } from './document';
import { COURSE_LIMITS } from './limits';
import { COURSE_MIGRATIONS, OLDEST_COURSE_VERSION, courseMigrationsFrom, migrateCourse, readCourseVersion, type CourseMigration, type JsonObject } from './migrations';
import { looksLikeCourse, parseCourseText, parseCourseValue, serializeCourse, type CourseParseResult } from './parse';
import { bundledCourses } from './bundled';
import { makeCourseUrl, readCourseAddress, unpackCourseLink } from './courseLink';

const lectureText = readFileSync('courses/lecture.course.json', 'utf8');
const ppcaText = readFileSync('graphs/ppca.json', 'utf8');
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const ppca = (): any => JSON.parse(ppcaText);

/** A small valid course of `n` PPCA steps. */
function small(n = 2): JsonObject {
  return {
    format: COURSE_FORMAT,
    version: COURSE_VERSION,
    meta: { title: 'Small', description: '' },
    steps: Array.from({ length: n }, (_, i) => ({ id: `s${i}`, title: `Step ${i}`, notes: '', graph: ppca() })),
  };
}

function opened(r: CourseParseResult) {
  if (!r.ok) throw new Error(`expected the course to open: ${r.errors.join('\n')}`);
  return r;
}
function errors(r: CourseParseResult): string[] {
  if (r.ok) throw new Error(`expected the course to be refused; it opened with warnings ${JSON.stringify(r.warnings)}`);
  expect('course' in r).toBe(false);
  return r.errors;
}
const textErrors = (v: unknown) => errors(parseCourseText(typeof v === 'string' ? v : JSON.stringify(v), 'c.json'));

describe('the lecture course', () => {
  it('opens without warnings, in lecture order, every step with a graph, notes and at least one task', () => {
    const r = opened(parseCourseText(lectureText, 'lecture.course.json'));
    expect(r.warnings).toEqual([]);
    const c = r.course;
    expect(c.meta.id).toBe('lecture');
    const ids = c.steps.map((s) => s.id);
    // PPCA → autoencoder → Monte Carlo with prior samples → importance sampling → ELBO → VAE, then the variants.
    expect(ids.slice(0, 6)).toEqual(['ppca', 'autoencoder', 'mc-prior', 'importance-sampling', 'elbo', 'vae']);
    for (const v of ['beta-vae', 'stl', 'dreg', 'iwae-from-parts', 'elbo-from-parts']) expect(ids.indexOf(v)).toBeGreaterThan(5);
    for (const s of c.steps) {
      expect(s.notes.length, s.id).toBeGreaterThan(100);
      expect(s.tasks?.length ?? 0, s.id).toBeGreaterThan(0);
      expect(s.graph.nodes.length, s.id).toBeGreaterThan(3);
    }
  });

  it('holds each step’s graph as the gallery file holds it (the notes moved to the step)', () => {
    const c = opened(parseCourseText(lectureText)).course;
    for (const s of c.steps) {
      const file = s.id === 'elbo' ? 'is-to-elbo' : s.id;
      const g = parseGraphText(readFileSync(`graphs/${file}.json`, 'utf8'));
      if (!g.ok) throw new Error(file);
      // When a gallery graph changes: npx tsx scripts/lecture-course.ts writes the course anew.
      expect(s.notes, `${file}: run npx tsx scripts/lecture-course.ts`).toBe(g.doc.meta.notes);
      expect(s.graph, `${file}: run npx tsx scripts/lecture-course.ts`).toEqual({ ...g.doc, meta: { ...g.doc.meta, notes: '' } });
    }
  });

  it('is bundled for the gallery, and served as the same bytes from public/courses/', () => {
    expect(bundledCourses.map((b) => b.name)).toContain('lecture');
    expect(bundledCourses.find((b) => b.name === 'lecture')!.text).toBe(lectureText);
    expect(readFileSync('public/courses/lecture.course.json', 'utf8')).toBe(lectureText);
  });
});

describe('round trip', () => {
  it('a parsed course saves to text that parses to the same course, without warnings', () => {
    for (const text of [lectureText, JSON.stringify(small(3))]) {
      const a = opened(parseCourseText(text));
      const saved = serializeCourse(a.course);
      const b = opened(parseCourseText(saved));
      expect(b.warnings).toEqual([]);
      expect(b.course).toEqual({ ...a.course, source: COURSE_SOURCE });
      expect(serializeCourse(b.course)).toBe(saved);
    }
  });

  it('the lecture file is exactly what the app writes', () => {
    expect(serializeCourse(opened(parseCourseText(lectureText)).course)).toBe(lectureText);
  });

  it('keys progress by the course id, else by its title, and steps by their ids', () => {
    const c = opened(parseCourseText(lectureText)).course;
    expect(courseKey(c)).toBe('lecture');
    expect(stepKey(c, c.steps[2])).toBe('lecture/mc-prior');
    const untitled = opened(parseCourseValue(small())).course;
    expect(courseKey(untitled)).toBe('title:Small');
  });

  it('reads a value without changing it', () => {
    const v = deepFreeze(small());
    opened(parseCourseValue(v));
  });

  it('tells a course file from a graph file by its format', () => {
    expect(looksLikeCourse(lectureText)).toBe(true);
    expect(looksLikeCourse(ppcaText)).toBe(false);
    // A graph whose notes quote a course header is still a graph.
    const g = ppca();
    g.meta.notes = 'A course starts with "format": "latent-canvas.course".';
    expect(looksLikeCourse(JSON.stringify(g))).toBe(false);
  });
});

describe('migrations', () => {
  const fixtures = jsonFiles('tests/fixtures/courses/v0');

  it('is ordered and contiguous from the oldest version to the current one', () => {
    expect(COURSE_MIGRATIONS[0].from).toBe(OLDEST_COURSE_VERSION);
    expect(COURSE_MIGRATIONS[COURSE_MIGRATIONS.length - 1].to).toBe(COURSE_VERSION);
    COURSE_MIGRATIONS.forEach((m, i) => {
      expect(m.to).toBe(m.from + 1);
      if (i > 0) expect(m.from).toBe(COURSE_MIGRATIONS[i - 1].to);
    });
    expect(courseMigrationsFrom(OLDEST_COURSE_VERSION)).toEqual(COURSE_MIGRATIONS);
    expect(courseMigrationsFrom(COURSE_VERSION)).toEqual([]);
  });

  it('has a stored fixture of every old version, and v0 → v1 never mutates its input', () => {
    expect(fixtures.length).toBeGreaterThan(0);
    for (const f of fixtures) {
      const doc = JSON.parse(f.text) as JsonObject;
      const before = structuredClone(doc);
      const out = COURSE_MIGRATIONS[0].up(deepFreeze(doc));
      expect(out.version).toBe(1);
      expect(doc).toEqual(before);
    }
  });

  it('opens the unversioned draft as version 1: meta from the top level, ids and notes made up, and says so', () => {
    const f = fixtures.find((x) => x.name === 'draft.course.json')!;
    const r = opened(parseCourseText(f.text, f.name));
    expect(r.course.meta).toEqual({ title: 'A draft course', description: 'Written by hand before courses had versions.' });
    expect(r.course.steps.map((s) => [s.id, s.title, s.notes])).toEqual([
      ['step-1', 'PPCA', 'Train it.'],
      ['step-2', 'Autoencoder', ''],
    ]);
    expect(r.warnings[0]).toMatch(/^draft\.course\.json has no "version" in its header, so it was read as course format version 0/);
    expect(r.warnings[1]).toMatch(/was saved in course format version 0 and was upgraded to version 1 \(moves the title/);
    // Saved again, it is a version-1 course that opens without warnings.
    expect(opened(parseCourseText(serializeCourse(r.course))).warnings).toEqual([]);
  });

  it('never makes up an id that a step already has', () => {
    const out = COURSE_MIGRATIONS[0].up({ format: COURSE_FORMAT, title: 'T', steps: [{ title: 'a' }, { id: 'step-1', title: 'b' }] });
    expect((out.steps as JsonObject[]).map((s) => s.id)).toEqual(['step-2', 'step-1']);
  });

  it('runs a longer chain in order (a synthetic v1 → v2 → v3, as a future version would add)', () => {
    const seen: number[] = [];
    const chain: CourseMigration[] = [1, 2].map((from) => ({ from, to: from + 1, description: `step ${from}`, up: (d) => (seen.push(from), { ...d, version: from + 1, [`added${from}`]: true }) }));
    const { doc, applied } = migrateCourse(deepFreeze({ version: 1 }), 1, chain, 3);
    expect(seen).toEqual([1, 2]);
    expect(applied.map((m) => m.description)).toEqual(['step 1', 'step 2']);
    expect(doc).toEqual({ version: 3, added1: true, added2: true });
    expect(() => migrateCourse({ version: 1 }, 1, [chain[1]], 3)).toThrow(/No course migration from format version 1/);
    const bad: CourseMigration = { from: 1, to: 2, description: 'forgets the version', up: (d) => ({ ...d }) };
    expect(() => migrateCourse({ version: 1 }, 1, [bad], 2)).toThrow(/did not set version 2/);
  });

  it('refuses a newer version with both numbers, and versions that are not whole numbers', () => {
    expect(readCourseVersion({ version: 7 }, 'c.json')).toEqual({ ok: false, error: `c.json was saved by a newer Latent Canvas (course format version 7; this one reads versions 0 to ${COURSE_VERSION}). Update the app to open it.` });
    expect(textErrors({ ...small(), version: 1.5 })).toEqual([`c.json: version must be a whole number from 0 to ${COURSE_VERSION}, not the number 1.5.`]);
    expect(textErrors({ ...small(), version: '1' })[0]).toMatch(/not the text "1"/);
  });
});

describe('sentences that name the step and the field', () => {
  it('names the step by number and title, and the task by number and title', () => {
    const c = small(3);
    (c.steps as JsonObject[])[1].title = '';
    expect(textErrors(c)).toEqual(['c.json: step 2: title: a step needs a title.']);
    const t = small(2);
    (t.steps as JsonObject[])[1].tasks = [{ id: 'a', title: 'Do it', conditions: [{ kind: 'nodeExists', nodeKind: 'data', min: 0 }] }];
    expect(textErrors(t)).toEqual(['c.json: step 2 ("Step 1"), task 1 ("Do it"): conditions[0].min: must be at least 1.']);
  });

  it('passes a step’s graph to the graph parser and says which step it is in', () => {
    const c = small(2);
    const g = (c.steps as JsonObject[])[1].graph as JsonObject;
    (g.nodes as JsonObject[])[0].kind = 'nope';
    const e = textErrors(c);
    expect(e).toHaveLength(1);
    expect(e[0]).toMatch(/^c\.json: step 2 \("Step 1"\), its graph: nodes\[0\] \("data"\): unknown node kind "nope"/);
    const notGraph = small(1);
    (notGraph.steps as JsonObject[])[0].graph = { format: 'latent-canvas.course' };
    expect(textErrors(notGraph)[0]).toMatch(/^c\.json: step 1 \("Step 0"\), its graph is not a Latent Canvas graph/);
  });

  it('refuses repeated step ids, no steps, a missing title, and what is not a course', () => {
    const c = small(2);
    (c.steps as JsonObject[])[1].id = 's0';
    expect(textErrors(c)).toEqual(['c.json: step 2 ("Step 1"): the step id "s0" is already used by step 1 ("Step 0"); step ids must be unique.']);
    expect(textErrors({ ...small(), steps: [] })).toEqual(['c.json: steps: a course needs at least one step.']);
    expect(textErrors({ ...small(), meta: {} })[0]).toBe('c.json: meta.title: is missing (it must be a string).');
    expect(textErrors(ppca())).toEqual(['c.json is a Latent Canvas graph, not a course (its "format" is "latent-canvas.graph"); open it as a graph.']);
    expect(textErrors('[]')).toEqual(['c.json does not hold a course (expected a JSON object with "format": "latent-canvas.course").']);
    expect(textErrors('{ "format": "latent-canvas.course", ')[0]).toMatch(/^c\.json is not valid JSON \(line 1, column \d+\)/);
  });

  it('warns about unknown fields and leaves them out', () => {
    const c = small(1);
    c.extra = 1;
    (c.steps as JsonObject[])[0].colour = 'red';
    const r = opened(parseCourseValue(c, 'c.json'));
    expect(r.warnings).toEqual(['the course: ignored the unknown field "extra".', 'step 1 ("Step 0"): ignored the unknown field "colour".']);
  });
});

describe('limits', () => {
  it('holds steps, titles, notes and tasks to the stated numbers', () => {
    const at = small(1);
    const one = (at.steps as JsonObject[])[0];
    const many = { ...at, steps: Array.from({ length: COURSE_LIMITS.steps + 1 }, (_, i) => ({ ...one, id: `s${i}` })) };
    expect(textErrors(many)).toEqual([`c.json: steps: has more than ${COURSE_LIMITS.steps} steps, the limit for a course.`]);
    expect(opened(parseCourseValue({ ...at, meta: { title: 't'.repeat(COURSE_LIMITS.titleChars) } })).course.meta.title.length).toBe(COURSE_LIMITS.titleChars);
    expect(textErrors({ ...at, meta: { title: 't'.repeat(COURSE_LIMITS.titleChars + 1) } })[0]).toMatch(/^c\.json: meta\.title: is longer than 200 characters/);
    expect(opened(parseCourseValue({ ...at, steps: [{ ...one, notes: 'n'.repeat(COURSE_LIMITS.notesChars) }] })).ok).toBe(true);
    expect(textErrors({ ...at, steps: [{ ...one, notes: 'n'.repeat(COURSE_LIMITS.notesChars + 1) }] })).toEqual([`c.json: step 1 ("Step 0"): notes: is longer than 100,000 characters, the limit for a step's notes.`]);
    expect(textErrors({ ...at, steps: [{ ...one, id: 'i'.repeat(COURSE_LIMITS.idChars + 1) }] })[0]).toMatch(/step 1 \("Step 0"\): id: is longer than 64 characters/);
    const task = (i: number) => ({ id: `t${i}`, title: 'T', conditions: [{ kind: 'nodeExists', nodeKind: 'data' }] });
    expect(opened(parseCourseValue({ ...at, steps: [{ ...one, tasks: Array.from({ length: COURSE_LIMITS.tasksPerStep }, (_, i) => task(i)) }] })).ok).toBe(true);
    expect(textErrors({ ...at, steps: [{ ...one, tasks: Array.from({ length: COURSE_LIMITS.tasksPerStep + 1 }, (_, i) => task(i)) }] })[0]).toMatch(/step 1 \("Step 0"\): tasks: more than 20 tasks on one step/);
  });

  it('refuses a file over the size limit before reading it, and nesting past the depth limit', () => {
    expect(errors(parseCourseText(' '.repeat(COURSE_LIMITS.fileChars + 1), 'c.json'))).toEqual(['c.json is larger than 25 MB (25,000,000 characters), the limit for a course file.']);
    const deep = '['.repeat(COURSE_LIMITS.depth + 1) + ']'.repeat(COURSE_LIMITS.depth + 1);
    expect(textErrors(deep)[0]).toMatch(/^c\.json nests lists and objects deeper than 64 levels \(line 1, column 65\), the limit for a course file\.$/);
  });
});

describe('hostile input', () => {
  it('refuses prototype keys anywhere, and leaves the prototypes alone', () => {
    const text = JSON.stringify(small(1)).replace('"meta":{', '"meta":{"__proto__":{"polluted":"yes"},');
    expect(textErrors(text)).toEqual(['c.json: meta: has a key named "__proto__", which is not allowed in a course file (it could change how objects behave).']);
    const inGraph = JSON.stringify(small(1)).replace('"nodes":[', '"constructor":{"prototype":{"polluted":1}},"nodes":[');
    expect(textErrors(inGraph)[0]).toMatch(/^c\.json: steps\[0\]\.graph: has a key named "constructor"/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const id = small(1);
    (id.steps as JsonObject[])[0].id = '__proto__';
    expect(textErrors(id)[0]).toMatch(/"__proto__", "constructor" and "prototype" cannot be used as a step id/);
  });

  it('refuses values only code can hand over, without running them', () => {
    let ran = false;
    const v = small(1) as Record<string, unknown>;
    Object.defineProperty(v, 'meta', { enumerable: true, get: () => ((ran = true), { title: 'x' }) });
    expect(errors(parseCourseValue(v, 'c.json'))[0]).toMatch(/meta: is computed by a getter/);
    expect(ran).toBe(false);
    const cyclic = small(1) as Record<string, unknown>;
    (cyclic.meta as Record<string, unknown>).self = cyclic;
    expect(errors(parseCourseValue(cyclic, 'c.json'))[0]).toMatch(/refers back to one of its own parents/);
    expect(errors(parseCourseValue({ ...small(1), meta: { title: NaN } }, 'c.json'))[0]).toMatch(/meta\.title: is NaN/);
  });

  it('caps the list of problems', () => {
    const c = small(1);
    const one = (c.steps as JsonObject[])[0];
    const bad = { ...c, steps: Array.from({ length: 120 }, (_, i) => ({ ...one, id: `s${i}`, title: '' })) };
    const e = textErrors(bad);
    expect(e).toHaveLength(COURSE_LIMITS.problemsListed + 1);
    expect(e[e.length - 1]).toBe('… and 70 more.');
  });
});

describe('course links', () => {
  it('carry the whole lecture within the link limit and unpack to the same course', () => {
    const c = opened(parseCourseText(lectureText)).course;
    const link = makeCourseUrl(c, 'https://example.org/app/?graph=x#share=y', 2);
    if (!link.ok) throw new Error(link.message);
    const url = new URL(link.url);
    const a = readCourseAddress(url.search, url.hash);
    expect(a.step).toBe(2);
    const text = unpackCourseLink(a.packed!);
    if (!text.ok) throw new Error(text.error);
    expect(opened(parseCourseText(text.text)).course).toEqual(c);
  });

  it('read ?course=<url> and &step, and refuse a damaged link with a sentence', () => {
    expect(readCourseAddress('?course=%2Fcourses%2Flecture.course.json&step=3', '')).toEqual({ url: '/courses/lecture.course.json', step: 2 });
    expect(readCourseAddress('?step=3', '')).toEqual({});
    expect(readCourseAddress('?course=x&step=0', '')).toEqual({ url: 'x' });
    expect(unpackCourseLink('')).toEqual({ ok: false, error: 'The course link holds no course (nothing follows "#course=").' });
    const damaged = unpackCourseLink('!!!!');
    expect(damaged.ok).toBe(false);
  });
});

describe('a course built in code', () => {
  it('types check and open (the Course type is what the parser returns)', () => {
    const c: Course = opened(parseCourseValue(small(1))).course;
    expect(c.steps[0].graph.format).toBe('latent-canvas.graph');
  });
});
