// The ways a course opens, each ending in useCourse.open (which loads the step's graph
// through the editor's own open path): the gallery's Courses section (a course bundled with
// the app), a file (Open and a drop take `.course.json` too: the "format" field decides), a
// course link (`#course=…`, courseLink.ts) and `?course=<url>` (downloaded with the same
// bounded fetch as `?graph=`). A course that does not open says why in the file problems
// panel and the status line, and the graph open stays as it was.
import { useGraphStore } from '../store';
import { useCourse } from '../store/courseStore';
import { fetchGraphText } from '../share/fetchGraph';
import { formatBytes } from '../persist/formatBytes';
import { bundledCourse } from './bundled';
import { looksLikeCourse, parseCourseText } from './parse';
import type { CourseSource } from './progress';

function refuse(fileName: string, errors: string[]): false {
  useGraphStore.setState({ fileProblem: { fileName, errors } });
  useGraphStore.getState().showStatus(`Could not open the course ${fileName.slice(0, 120)}.`, 'error');
  return false;
}

/** Parses a course and opens it (at the step last reached in it); false, with the reasons shown, when it does not read. */
export function openCourseText(text: string, fileName: string, source: CourseSource, options?: { step?: number }): boolean {
  const r = parseCourseText(text, fileName);
  if (!r.ok) return refuse(fileName, r.errors);
  const opened = useCourse.getState().open(r.course, source, options);
  if (opened && r.warnings.length) useGraphStore.getState().showStatus(`Opened the course “${r.course.meta.title}” (${r.warnings.join(' ')}).`);
  return opened;
}

export function openBundledCourse(name: string): boolean {
  const c = bundledCourse(name);
  if (!c) return refuse(`${name}.course.json`, [`There is no course “${name}” in this build.`]);
  return openCourseText(c.text, c.fileName, { kind: 'bundled', name: c.name });
}

/** Open and drops: a course file opens as a course, anything else as a graph. */
export function openFileText(text: string, fileName: string): boolean {
  if (looksLikeCourse(text)) return openCourseText(text, fileName, { kind: 'file', fileName });
  return useGraphStore.getState().openGraphText(text, fileName);
}

/** The download's sentences speak of graphs (src/share/fetchGraph.ts); here it is a course. */
function aboutCourses(message: string): string {
  return message
    .replace('(after ?graph=)', '(after ?course=)')
    .replace(/a graph file/g, 'a course file')
    .replace(/graph addresses/g, 'course addresses')
    .replace(/graphs are fetched/g, 'courses are fetched');
}

const PROGRESS_REFRESH_MS = 500;

/** `?course=<url>`: downloads the course (bounded in size and time) and opens it, saying as it goes. */
export async function openCourseFromUrl(raw: string, options: { base?: string; fetch?: typeof fetch; step?: number } = {}): Promise<boolean> {
  const s = useGraphStore.getState();
  const shown = raw.split('/').filter(Boolean).pop()?.slice(0, 120) || raw.slice(0, 120);
  let received: number | undefined;
  const say = () => s.showStatus(`Downloading the course ${shown}…${received === undefined ? '' : ` ${formatBytes(received)}`}`);
  say();
  const refresh = setInterval(say, PROGRESS_REFRESH_MS);
  let r: Awaited<ReturnType<typeof fetchGraphText>>;
  try {
    r = await fetchGraphText(raw, {
      base: options.base ?? window.location.href,
      fetch: options.fetch,
      onProgress: (bytes: number) => {
        received = bytes;
      },
    });
  } catch (e) {
    r = { ok: false, url: raw.slice(0, 200), errors: [`Could not download ${shown}: ${e instanceof Error ? e.message : String(e)}.`] };
  } finally {
    clearInterval(refresh);
  }
  if (!r.ok) return refuse(r.url || 'the course address', r.errors.map(aboutCourses));
  return openCourseText(r.text, r.fileName, { kind: 'url', url: r.url }, { step: options.step });
}
