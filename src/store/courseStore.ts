// The course open in this tab: which course, which step. Opening a step loads its graph
// into the editor the way the gallery opens a graph (useGraphStore.openGraphText, the one
// open path): the work that was open goes to Recent, a run still training is stopped first,
// and the status line says what was opened. The step's notes are shown in the notes panel
// (they become the opened graph's instructor notes).
//
// The step reached is kept per course in the browser (src/course/progress.ts) and restored
// when the same course opens again; the course open in this tab is kept for a reload, which
// comes back at the same step without reopening its graph (the tab's session already holds
// the graph as the learner left it).
//
// Contract for others (presentation mode, the task panel): useCourse with `course`,
// `stepIndex`, `open(course, source)`, `goTo(i)`, `next()`, `prev()`, `close()`.
import { create } from 'zustand';
import { serializeGraph } from '../graph/parse';
import { courseKey, type Course, type CourseStep } from '../course/document';
import type { Task } from '../tasks/schema';
import { parseCourseText, serializeCourse } from '../course/parse';
import { bundledCourse } from '../course/bundled';
import { courseStorage, readOpenCourse, readProgress, textKey, writeOpenCourse, writeProgress, type CourseSource } from '../course/progress';
import { useGraphStore } from './index';

export interface CourseState {
  /** The course open in this tab, or null. */
  course: Course | null;
  /** Where it came from (the gallery, a file, an address, a link). */
  source: CourseSource | null;
  /** 0-based index of the step shown. */
  stepIndex: number;
  /** Whether the course was changed in the app since it opened (Save course keeps the change). */
  edited: boolean;
  /**
   * Opens a course at the step last reached in it (kept in this browser), else at its first
   * step, and loads that step's graph; `options.step` opens a given step instead.
   */
  open(course: Course, source: CourseSource, options?: { step?: number }): boolean;
  /** Opens step i (0-based) and loads its graph; false when there is no such step. */
  goTo(i: number): boolean;
  next(): boolean;
  prev(): boolean;
  /** Leaves the course; the graph on the canvas stays. */
  close(): void;
  /** The task editor (src/editor/tasks/TaskEditor.tsx): replaces the tasks of step i (already validated with taskSchema). */
  setStepTasks(stepIndex: number, tasks: Task[]): void;
}

/** How the editor names a step's graph when it opens it ("step 2 of 13, “Autoencoder”"). */
export function stepLabel(course: Course, i: number): string {
  return `step ${i + 1} of ${course.steps.length}, “${course.steps[i].title}”`;
}

/** The graph a step opens: its starting graph, with the step's notes as its instructor notes. */
export function stepGraphText(step: CourseStep): string {
  const own = step.graph.meta.notes ?? '';
  const notes = step.notes.trim() && own.trim() && own.trim() !== step.notes.trim() ? `${step.notes}\n\n---\n\n${own}` : step.notes.trim() ? step.notes : own;
  return serializeGraph({ ...step.graph, meta: { ...step.graph.meta, notes } });
}

const clamp = (i: number, n: number) => Math.min(Math.max(0, Math.floor(i)), n - 1);

/** Where a course reopens: the step id it reached if it still has it, else the index, clamped. */
function reachedStep(course: Course): number {
  const p = readProgress(courseKey(course));
  if (!p) return 0;
  const byId = p.stepId === undefined ? -1 : course.steps.findIndex((s) => s.id === p.stepId);
  return byId >= 0 ? byId : clamp(p.step, course.steps.length);
}

/** Courses whose text is kept in IndexedDB for a reload, newest first (a short list). */
const TEXTS_KEY = 'latent-canvas.course-texts';
const TEXTS_KEPT = 10;

function keepText(course: Course): void {
  const key = courseKey(course);
  const store = courseStorage();
  let keys: string[] = [];
  try {
    const v = JSON.parse(store.local.get(TEXTS_KEY) ?? '[]') as unknown;
    if (Array.isArray(v)) keys = v.filter((k): k is string => typeof k === 'string');
  } catch {
    keys = [];
  }
  keys = [key, ...keys.filter((k) => k !== key)];
  for (const old of keys.slice(TEXTS_KEPT)) void store.texts.remove(textKey(old)).catch(() => undefined);
  store.local.set(TEXTS_KEY, JSON.stringify(keys.slice(0, TEXTS_KEPT)));
  void store.texts.set(textKey(key), serializeCourse(course)).catch((e: unknown) => console.error('Could not keep the course for a reload:', e));
}

function remember(course: Course, source: CourseSource, i: number, edited: boolean): void {
  writeProgress(courseKey(course), i, course.steps[i]?.id);
  writeOpenCourse({ key: courseKey(course), source, step: i, edited });
}

export const useCourse = create<CourseState>()((set, get) => {
  /** Loads step i's graph through the editor's open path, then records the step. */
  const show = (course: Course, source: CourseSource, i: number): boolean => {
    const step = course.steps[i];
    if (!step) return false;
    const opened = useGraphStore.getState().openGraphText(stepGraphText(step), stepLabel(course, i));
    if (!opened) return false;
    const edited = get().course === course && get().edited;
    set({ course, source, stepIndex: i, edited });
    remember(course, source, i, edited);
    return true;
  };

  return {
    course: null,
    source: null,
    stepIndex: 0,
    edited: false,

    open(course, source, options) {
      if (!course.steps.length) return false;
      const i = options?.step === undefined ? reachedStep(course) : clamp(options.step, course.steps.length);
      if (source.kind !== 'bundled') keepText(course);
      return show(course, source, i);
    },

    goTo(i) {
      const { course, source } = get();
      if (!course || !source || !Number.isInteger(i) || i < 0 || i >= course.steps.length) return false;
      return show(course, source, i);
    },

    next() {
      return get().goTo(get().stepIndex + 1);
    },

    prev() {
      return get().goTo(get().stepIndex - 1);
    },

    close() {
      set({ course: null, source: null, stepIndex: 0, edited: false });
      writeOpenCourse(undefined);
    },

    setStepTasks(i, tasks) {
      const { course, source, stepIndex } = get();
      if (!course || !source || !course.steps[i]) return;
      const steps = course.steps.map((s, j) => (j === i ? { ...s, tasks } : s));
      const next: Course = { ...course, steps };
      set({ course: next, edited: true });
      keepText(next);
      remember(next, source, stepIndex, true);
    },
  };
});

/**
 * After a reload: the course this tab had open, at its step, without opening the step's
 * graph again (the tab's session restored the graph as it was left). Resolves to whether a
 * course came back. A course that no longer reads is forgotten, silently: the graph stays.
 */
export async function restoreOpenCourse(): Promise<boolean> {
  const r = readOpenCourse();
  if (!r) return false;
  let text: string | undefined;
  if (r.source.kind === 'bundled' && !r.edited) text = bundledCourse(r.source.name)?.text;
  else text = await courseStorage().texts.get(textKey(r.key)).catch(() => undefined);
  const parsed = text === undefined ? undefined : parseCourseText(text, 'the course');
  if (!parsed?.ok || courseKey(parsed.course) !== r.key) {
    writeOpenCourse(undefined);
    return false;
  }
  // Opened meanwhile (a link, the gallery): that one wins.
  if (useCourse.getState().course) return false;
  const i = clamp(r.step, parsed.course.steps.length);
  useCourse.setState({ course: parsed.course, source: r.source, stepIndex: i, edited: r.edited === true });
  return true;
}
