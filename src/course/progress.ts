// What the browser remembers about courses:
//   - progress, per course (its id, else its title), in localStorage: the step reached, so
//     opening the same course again, in any tab and after a restart, goes on from there;
//   - which course this tab has open, in sessionStorage (the tab's own, like its session,
//     src/persist/chooseSession.ts), so a reload comes back inside the course, at its step;
//   - the text of a course that did not come with the app (a file, a download, a link), in
//     IndexedDB, so that reload finds it again without asking for it.
// Storage that is blocked (a private window) only means nothing is remembered.
import { createStore, del, get, set, type UseStore } from 'idb-keyval';

export const PROGRESS_KEY = 'latent-canvas.course-progress';
export const OPEN_COURSE_KEY = 'latent-canvas.course-open';
/** Courses whose progress is kept; the least recently used is forgotten first. */
export const PROGRESS_LIMIT = 50;

/** Where a course came from, so a reload can find it again and messages can name it. */
export type CourseSource =
  | { kind: 'bundled'; name: string }
  | { kind: 'file'; fileName: string }
  | { kind: 'url'; url: string }
  | { kind: 'link' };

export interface StepProgress {
  /** 0-based index of the step reached. */
  step: number;
  /** Its id, so progress follows the step if steps are added before it. */
  stepId?: string;
  at: number;
}

export interface OpenCourseRecord {
  key: string;
  source: CourseSource;
  step: number;
  /** The course was changed in the app (its tasks edited): its text is the one kept in IndexedDB, not the bundled one. */
  edited?: boolean;
}

export interface KeyValueSync {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
}

export interface TextStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, text: string): Promise<void>;
  remove(key: string): Promise<void>;
}

function webStorage(which: 'localStorage' | 'sessionStorage'): KeyValueSync {
  const store = (): Storage | undefined => {
    try {
      return (globalThis as unknown as Record<string, Storage | undefined>)[which];
    } catch {
      return undefined;
    }
  };
  return {
    get(key) {
      try {
        return store()?.getItem(key) ?? null;
      } catch {
        return null;
      }
    },
    set(key, value) {
      try {
        store()?.setItem(key, value);
      } catch (e) {
        console.error(`Could not remember course progress (${which}):`, e);
      }
    },
    remove(key) {
      try {
        store()?.removeItem(key);
      } catch {
        // nothing to forget
      }
    },
  };
}

export function memoryStorage(): KeyValueSync & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, get: (k) => data.get(k) ?? null, set: (k, v) => void data.set(k, v), remove: (k) => void data.delete(k) };
}

export function memoryTexts(): TextStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, get: async (k) => data.get(k), set: async (k, v) => void data.set(k, v), remove: async (k) => void data.delete(k) };
}

let idbStore: UseStore | undefined;
function idbTexts(): TextStore {
  const s = () => (idbStore ??= createStore('latent-canvas-courses', 'texts'));
  return {
    get: (k) => get<string>(k, s()),
    set: (k, v) => set(k, v, s()),
    remove: (k) => del(k, s()),
  };
}

export interface CourseStorage {
  local: KeyValueSync;
  session: KeyValueSync;
  texts: TextStore;
}

let storage: CourseStorage | undefined;

/** The browser's storage, unless a test gave its own. */
export function courseStorage(): CourseStorage {
  return (storage ??= {
    local: webStorage('localStorage'),
    session: webStorage('sessionStorage'),
    texts: typeof indexedDB === 'undefined' ? memoryTexts() : idbTexts(),
  });
}

export function setCourseStorage(s: CourseStorage | undefined): void {
  storage = s;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The stored progress, read defensively: storage is data another version may have written. */
function readAll(): Map<string, StepProgress> {
  const out = new Map<string, StepProgress>();
  const text = courseStorage().local.get(PROGRESS_KEY);
  if (!text) return out;
  try {
    const v = JSON.parse(text) as unknown;
    if (!isObject(v)) return out;
    for (const key of Object.keys(v)) {
      const p = v[key];
      if (!isObject(p) || typeof p.step !== 'number' || !Number.isInteger(p.step) || p.step < 0) continue;
      out.set(key, { step: p.step, stepId: typeof p.stepId === 'string' ? p.stepId : undefined, at: typeof p.at === 'number' ? p.at : 0 });
    }
  } catch {
    // unreadable: start over
  }
  return out;
}

export function readProgress(courseKey: string): StepProgress | undefined {
  return readAll().get(courseKey);
}

export function writeProgress(courseKey: string, step: number, stepId?: string, now = Date.now()): void {
  const all = readAll();
  all.set(courseKey, { step, stepId, at: now });
  const kept = [...all.entries()].sort((a, b) => b[1].at - a[1].at).slice(0, PROGRESS_LIMIT);
  // A null-prototype object: a course id such as "__proto__" stays an ordinary key.
  const out: Record<string, StepProgress> = Object.create(null) as Record<string, StepProgress>;
  for (const [k, p] of kept) out[k] = p;
  courseStorage().local.set(PROGRESS_KEY, JSON.stringify(out));
}

export function readOpenCourse(): OpenCourseRecord | undefined {
  const text = courseStorage().session.get(OPEN_COURSE_KEY);
  if (!text) return undefined;
  try {
    const v = JSON.parse(text) as unknown;
    if (!isObject(v) || typeof v.key !== 'string' || !isObject(v.source) || typeof v.step !== 'number') return undefined;
    const s = v.source;
    let source: CourseSource | undefined;
    if (s.kind === 'bundled' && typeof s.name === 'string') source = { kind: 'bundled', name: s.name };
    else if (s.kind === 'file' && typeof s.fileName === 'string') source = { kind: 'file', fileName: s.fileName };
    else if (s.kind === 'url' && typeof s.url === 'string') source = { kind: 'url', url: s.url };
    else if (s.kind === 'link') source = { kind: 'link' };
    if (!source) return undefined;
    return { key: v.key, source, step: Math.max(0, Math.floor(v.step)), edited: v.edited === true };
  } catch {
    return undefined;
  }
}

export function writeOpenCourse(r: OpenCourseRecord | undefined): void {
  if (r) courseStorage().session.set(OPEN_COURSE_KEY, JSON.stringify(r));
  else courseStorage().session.remove(OPEN_COURSE_KEY);
}

/** The IndexedDB key of a course's text (courses that did not come with the app). */
export const textKey = (courseKey: string) => `course:${courseKey}`;
