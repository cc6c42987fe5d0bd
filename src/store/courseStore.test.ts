// The course store: open, Next / Previous / go to, close; each step opens through the
// editor's one open path (the work open goes to Recent, as from the gallery); the step
// reached is kept per course and restored when the course opens again; a reload comes back
// inside the course without reopening the step's graph; Open and ?course= take courses.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { useGraphStore } from './index';
import { setOpenHandler } from './viewSlice';
import { restoreOpenCourse, stepGraphText, useCourse } from './courseStore';
import { parseCourseText, serializeCourse } from '../course/parse';
import type { Course } from '../course/document';
import { memoryStorage, memoryTexts, readOpenCourse, readProgress, setCourseStorage, writeProgress, PROGRESS_KEY, PROGRESS_LIMIT, type CourseStorage } from '../course/progress';
import { openBundledCourse, openCourseFromUrl, openFileText } from '../course/openCourse';
import { createSessionDb, memoryKeyValue } from '../persist/sessionDb';
import { memoryLocks } from '../persist/tabLocks';
import { attachTabSession, openOverCurrent } from '../persist/tabSession';
import { parseGraphText } from '../graph/parse';

const lectureText = readFileSync('courses/lecture.course.json', 'utf8');
function lecture(): Course {
  const r = parseCourseText(lectureText);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.course;
}

let storage: CourseStorage & { local: ReturnType<typeof memoryStorage>; session: ReturnType<typeof memoryStorage> };

beforeAll(() => {
  // The autosave and the tab session listen for the page; node has no window or document.
  Object.assign(globalThis, { window: Object.assign(new EventTarget(), { location: { href: 'http://127.0.0.1:5173/' } }), document: Object.assign(new EventTarget(), { visibilityState: 'visible' }) });
});
afterAll(() => {
  setOpenHandler(undefined);
  setCourseStorage(undefined);
});

beforeEach(() => {
  storage = { local: memoryStorage(), session: memoryStorage(), texts: memoryTexts() };
  setCourseStorage(storage);
  setOpenHandler(undefined);
  useCourse.setState({ course: null, source: null, stepIndex: 0, edited: false });
  const ppca = parseGraphText(readFileSync('graphs/ppca.json', 'utf8'));
  if (!ppca.ok) throw new Error('ppca');
  useGraphStore.getState().replaceDoc(ppca.doc);
});

const docTitle = () => useGraphStore.getState().doc.meta.title;

describe('stepping through a course', () => {
  it('opens at the first step with its graph and its notes, and steps with next, prev and goTo', () => {
    const c = lecture();
    expect(useCourse.getState().open(c, { kind: 'bundled', name: 'lecture' })).toBe(true);
    expect(useCourse.getState().stepIndex).toBe(0);
    expect(docTitle()).toBe(c.steps[0].graph.meta.title);
    expect(useGraphStore.getState().doc.meta.notes).toBe(c.steps[0].notes);
    expect(useGraphStore.getState().status?.text).toBe(`Opened step 1 of ${c.steps.length}, “${c.steps[0].title}”.`);

    expect(useCourse.getState().next()).toBe(true);
    expect(useCourse.getState().stepIndex).toBe(1);
    expect(useGraphStore.getState().doc.nodes.map((n) => n.id)).toEqual(c.steps[1].graph.nodes.map((n) => n.id));
    expect(useCourse.getState().prev()).toBe(true);
    expect(useCourse.getState().stepIndex).toBe(0);
    expect(useCourse.getState().prev()).toBe(false);
    expect(useCourse.getState().goTo(c.steps.length - 1)).toBe(true);
    expect(useCourse.getState().next()).toBe(false);
    expect(useCourse.getState().goTo(99)).toBe(false);
    expect(useCourse.getState().goTo(1.5)).toBe(false);
    expect(useCourse.getState().stepIndex).toBe(c.steps.length - 1);
  });

  it('close leaves the course and keeps the graph on the canvas', () => {
    useCourse.getState().open(lecture(), { kind: 'bundled', name: 'lecture' }, { step: 2 });
    const doc = useGraphStore.getState().doc;
    useCourse.getState().close();
    expect(useCourse.getState().course).toBeNull();
    expect(useGraphStore.getState().doc).toBe(doc);
    expect(readOpenCourse()).toBeUndefined();
    expect(useCourse.getState().next()).toBe(false);
  });

  it('gives the step’s notes to its graph, and keeps a graph’s own notes after them', () => {
    const step = lecture().steps[0];
    expect(JSON.parse(stepGraphText(step)).meta.notes).toBe(step.notes);
    const both = { ...step, graph: { ...step.graph, meta: { ...step.graph.meta, notes: 'Own notes.' } } };
    expect(JSON.parse(stepGraphText(both)).meta.notes).toBe(`${step.notes}\n\n---\n\nOwn notes.`);
    expect(JSON.parse(stepGraphText({ ...both, notes: '' })).meta.notes).toBe('Own notes.');
  });
});

describe('progress', () => {
  it('is kept per course and restored when the same course opens again', () => {
    const c = lecture();
    useCourse.getState().open(c, { kind: 'bundled', name: 'lecture' });
    useCourse.getState().goTo(3);
    expect(readProgress('lecture')).toMatchObject({ step: 3, stepId: c.steps[3].id });
    useCourse.getState().close();
    useCourse.getState().open(c, { kind: 'bundled', name: 'lecture' });
    expect(useCourse.getState().stepIndex).toBe(3);
    expect(docTitle()).toBe(c.steps[3].graph.meta.title);
    // Another course has its own progress.
    const other: Course = { ...c, meta: { title: 'Another course', description: '' } };
    useCourse.getState().open(other, { kind: 'file', fileName: 'other.course.json' });
    expect(useCourse.getState().stepIndex).toBe(0);
  });

  it('follows the step by its id when steps are added before it, and clamps a step that is gone', () => {
    const c = lecture();
    writeProgress('lecture', 2, 'mc-prior');
    const extra = { ...c.steps[0], id: 'intro', title: 'Introduction' };
    useCourse.getState().open({ ...c, steps: [extra, ...c.steps] }, { kind: 'bundled', name: 'lecture' });
    expect(useCourse.getState().stepIndex).toBe(3);
    writeProgress('lecture', 40, 'gone');
    useCourse.getState().open(c, { kind: 'bundled', name: 'lecture' });
    expect(useCourse.getState().stepIndex).toBe(c.steps.length - 1);
  });

  it('keeps the most recent courses only, and survives junk in storage', () => {
    for (let i = 0; i < PROGRESS_LIMIT + 5; i++) writeProgress(`c${i}`, 1, undefined, 1000 + i);
    expect(readProgress('c0')).toBeUndefined();
    expect(readProgress(`c${PROGRESS_LIMIT + 4}`)?.step).toBe(1);
    writeProgress('__proto__', 2);
    expect(readProgress('__proto__')?.step).toBe(2);
    expect(({} as Record<string, unknown>).step).toBeUndefined();
    storage.local.set(PROGRESS_KEY, '{"lecture": {"step": -3}, "x": 5, "y": {"step": 1.5}');
    expect(readProgress('lecture')).toBeUndefined();
    storage.local.set(PROGRESS_KEY, '{"lecture": {"step": -3}, "x": 5, "y": {"step": 1.5}}');
    expect(readProgress('lecture')).toBeUndefined();
    expect(readProgress('y')).toBeUndefined();
    useCourse.getState().open(lecture(), { kind: 'bundled', name: 'lecture' });
    expect(useCourse.getState().stepIndex).toBe(0);
  });
});

describe('a reload', () => {
  it('comes back inside the bundled course at its step, without reopening the step’s graph', async () => {
    useCourse.getState().open(lecture(), { kind: 'bundled', name: 'lecture' }, { step: 1 });
    useGraphStore.getState().setTitle('Edited by the learner');
    const doc = useGraphStore.getState().doc;
    useCourse.setState({ course: null, source: null, stepIndex: 0 }); // the page went away
    expect(await restoreOpenCourse()).toBe(true);
    expect(useCourse.getState().course?.meta.id).toBe('lecture');
    expect(useCourse.getState().stepIndex).toBe(1);
    expect(useGraphStore.getState().doc).toBe(doc);
  });

  it('finds a course from a file again (its text kept in IndexedDB), and the edited tasks of a bundled one', async () => {
    const c: Course = { ...lecture(), meta: { id: 'mine', title: 'Mine', description: '' } };
    expect(openFileText(serializeCourse(c), 'mine.course.json')).toBe(true);
    useCourse.getState().goTo(2);
    useCourse.setState({ course: null, source: null, stepIndex: 0 });
    expect(await restoreOpenCourse()).toBe(true);
    expect(useCourse.getState().course?.meta.title).toBe('Mine');
    expect(useCourse.getState().source).toEqual({ kind: 'file', fileName: 'mine.course.json' });
    expect(useCourse.getState().stepIndex).toBe(2);

    openBundledCourse('lecture');
    useCourse.getState().setStepTasks(0, []);
    expect(useCourse.getState().edited).toBe(true);
    useCourse.setState({ course: null, source: null, stepIndex: 0, edited: false });
    expect(await restoreOpenCourse()).toBe(true);
    expect(useCourse.getState().course?.steps[0].tasks).toEqual([]);
    expect(useCourse.getState().edited).toBe(true);
  });

  it('forgets a course it cannot find or read, and keeps the graph', async () => {
    storage.session.set('latent-canvas.course-open', JSON.stringify({ key: 'gone', source: { kind: 'url', url: 'https://x/y.json' }, step: 1 }));
    expect(await restoreOpenCourse()).toBe(false);
    expect(readOpenCourse()).toBeUndefined();
    storage.session.set('latent-canvas.course-open', '{not json');
    expect(await restoreOpenCourse()).toBe(false);
    expect(useCourse.getState().course).toBeNull();
  });
});

describe('opening over the work open', () => {
  it('goes through the session layer as the gallery does: the edited graph is kept in Recent', async () => {
    const db = createSessionDb(memoryKeyValue());
    const locks = memoryLocks(new Set());
    await locks.claim('first');
    attachTabSession({ db, locks, tab: { get: () => undefined, set: () => {} } }, 'first', false);
    setOpenHandler(openOverCurrent);
    useGraphStore.getState().setTitle('My own work');
    expect(openBundledCourse('lecture')).toBe(true);
    expect(useGraphStore.getState().status?.text).toMatch(/^Opened step 1 of \d+, “Probabilistic PCA”\. Your previous graph “My own work” is in Recent\.$/);
    useGraphStore.getState().setTitle('Step 1, edited');
    expect(useCourse.getState().next()).toBe(true);
    expect(useGraphStore.getState().status?.text).toMatch(/Your previous graph “Step 1, edited” is in Recent\.$/);
  });
});

describe('where courses open from', () => {
  it('Open takes a course file as a course and a graph file as a graph', () => {
    expect(openFileText(lectureText, 'lecture.course.json')).toBe(true);
    expect(useCourse.getState().course?.meta.id).toBe('lecture');
    const vae = readFileSync('graphs/vae.json', 'utf8');
    expect(openFileText(vae, 'vae.json')).toBe(true);
    expect(docTitle()).toBe('Variational autoencoder (MNIST)');
  });

  it('a course file that does not read says why and changes nothing', () => {
    const doc = useGraphStore.getState().doc;
    expect(openFileText('{"format": "latent-canvas.course", "version": 1, "meta": {"title": "T"}, "steps": []}', 'bad.course.json')).toBe(false);
    expect(useGraphStore.getState().fileProblem).toEqual({ fileName: 'bad.course.json', errors: ['bad.course.json: steps: a course needs at least one step.'] });
    expect(useGraphStore.getState().status).toMatchObject({ tone: 'error', text: 'Could not open the course bad.course.json.' });
    expect(useGraphStore.getState().doc).toBe(doc);
    expect(useCourse.getState().course).toBeNull();
  });

  it('?course=<url> downloads the course and opens it; a failed download is a sentence about the course', async () => {
    const ok = (async () => new Response(lectureText, { status: 200, headers: { 'content-type': 'application/json' } })) as typeof fetch;
    expect(await openCourseFromUrl('/courses/lecture.course.json', { base: 'http://127.0.0.1:5173/', fetch: ok })).toBe(true);
    expect(useCourse.getState().course?.meta.id).toBe('lecture');
    expect(useCourse.getState().source).toMatchObject({ kind: 'url' });
    useCourse.getState().close();

    const doc = useGraphStore.getState().doc;
    const missing = (async () => new Response('nope', { status: 404 })) as typeof fetch;
    expect(await openCourseFromUrl('https://lectures.example.org/missing.course.json', { base: 'http://127.0.0.1:5173/', fetch: missing })).toBe(false);
    const problem = useGraphStore.getState().fileProblem!;
    expect(problem.errors[0]).toMatch(/^Could not download .*missing\.course\.json: the server answered 404/);
    expect(useGraphStore.getState().doc).toBe(doc);
    expect(await openCourseFromUrl('not a url at all', { base: 'http://127.0.0.1:5173/', fetch: missing })).toBe(false);
    expect(useGraphStore.getState().fileProblem!.errors.join(' ')).not.toMatch(/graph=/);

    const page = (async () => new Response('<!doctype html><html></html>', { status: 200, headers: { 'content-type': 'text/html' } })) as typeof fetch;
    expect(await openCourseFromUrl('https://lectures.example.org/c.json', { base: 'http://127.0.0.1:5173/', fetch: page })).toBe(false);
    expect(useGraphStore.getState().fileProblem!.errors[0]).toMatch(/is a web page, not a course file/);
  });

  it('opens a given step when asked (a link with &step=)', async () => {
    const ok = (async () => new Response(lectureText, { status: 200 })) as typeof fetch;
    expect(await openCourseFromUrl('/courses/lecture.course.json', { base: 'http://127.0.0.1:5173/', fetch: ok, step: 4 })).toBe(true);
    expect(useCourse.getState().stepIndex).toBe(4);
  });
});
