// The course side of the start (called from src/persist/boot.ts): a course link or
// `?course=<url>` is taken out of the address bar before it is decoded or fetched (as graph
// links are), and opens once the tab's session is up, over the work the session restored;
// with neither, the course this tab had open before a reload comes back at its step.
import { useGraphStore } from '../store';
import { restoreOpenCourse } from '../store/courseStore';
import { hasCourseAddress, readCourseAddress, unpackCourseLink, type CourseAddress } from './courseLink';
import { openCourseFromUrl, openCourseText } from './openCourse';

export function readCourseAddressNow(): CourseAddress {
  return readCourseAddress(window.location.search, window.location.hash);
}

export function clearCourseFromAddress(): void {
  const url = new URL(window.location.href);
  if (url.hash.startsWith('#course=')) url.hash = '';
  url.searchParams.delete('course');
  url.searchParams.delete('step');
  window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
}

function openPacked(packed: string, step?: number): boolean {
  const r = unpackCourseLink(packed);
  if (!r.ok) {
    useGraphStore.setState({ fileProblem: { fileName: 'the course link', errors: [r.error] } });
    useGraphStore.getState().showStatus('Could not open the course link; it was removed from the address bar.', 'error');
    return false;
  }
  return openCourseText(r.text, 'the course link', { kind: 'link' }, { step });
}

async function openAddress(a: CourseAddress): Promise<void> {
  if (a.packed !== undefined) openPacked(a.packed, a.step);
  else if (a.url !== undefined) await openCourseFromUrl(a.url, { step: a.step });
}

/** After the session is up: the address's course, else the one this tab had open. Never throws. */
export async function startCourses(a: CourseAddress): Promise<void> {
  try {
    if (hasCourseAddress(a)) await openAddress(a);
    else await restoreOpenCourse();
  } catch (e) {
    console.error('The course could not be opened:', e);
  }
  // A course link pasted into the address bar of an open editor changes only the hash.
  window.addEventListener('hashchange', () => {
    const next = readCourseAddress('', window.location.hash);
    if (next.packed === undefined) return;
    clearCourseFromAddress();
    openPacked(next.packed);
  });
}
