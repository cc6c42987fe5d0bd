// Links that carry a course, after the graph's share links (src/share/shareLink.ts):
//   #course=<lz-string of the course, minified>   the whole course in the link (the hash never
//                                                  reaches a server); at most MAX_COURSE_LINK_CHARS
//   ?course=<url>                                 a hosted course file, downloaded on open
//   &step=<n>                                     with either: open at step n (1-based)
// Pure: no DOM, unit-tested.
import LZString from 'lz-string';
import { decompressUriSafeBounded } from '../share/boundedLz';
import { MAX_SHARE_CHARS, MAX_SHARE_READ_CHARS, MAX_UNPACK_MS, kB } from '../share/shareLink';
import type { Course } from './document';
import { courseFileValue } from './parse';
import { COURSE_LIMITS } from './limits';

export const COURSE_LINK_KEY = 'course';
/** The longest link payload made (the graph links' limit): the lecture takes about 52,000. */
export const MAX_COURSE_LINK_CHARS = MAX_SHARE_CHARS;

export type CourseLinkResult = { ok: true; url: string; chars: number } | { ok: false; message: string; chars: number };

/** The course without trained weights (links carry no weights, as for graphs). */
function linkValue(course: Course): Record<string, unknown> {
  return courseFileValue({ ...course, steps: course.steps.map((s) => ({ ...s, graph: { ...s.graph, weights: undefined } })) });
}

export function makeCourseUrl(course: Course, pageUrl: string, step?: number): CourseLinkResult {
  const payload = LZString.compressToEncodedURIComponent(JSON.stringify(linkValue(course)));
  if (payload.length > MAX_COURSE_LINK_CHARS) {
    return {
      ok: false,
      chars: payload.length,
      message: `This course is too large for a link (${kB(payload.length)} compressed; links hold at most ${kB(MAX_COURSE_LINK_CHARS)}). Save the course and share the file, or host it and share ?course=<its address>.`,
    };
  }
  const url = new URL(pageUrl);
  url.search = step === undefined ? '' : `?step=${step + 1}`;
  url.hash = `${COURSE_LINK_KEY}=${payload}`;
  return { ok: true, url: url.toString(), chars: payload.length };
}

/** What the address asks for, without decoding or fetching anything. */
export interface CourseAddress {
  /** `#course=…` (the payload, still packed). */
  packed?: string;
  /** `?course=<url>`. */
  url?: string;
  /** `&step=n`, 0-based, when given and a whole number ≥ 1. */
  step?: number;
}

export function readCourseAddress(search: string, hash: string): CourseAddress {
  const params = new URLSearchParams(search);
  const out: CourseAddress = {};
  const url = params.get(COURSE_LINK_KEY);
  if (url !== null && url.trim()) out.url = url.trim();
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  if (body.startsWith(`${COURSE_LINK_KEY}=`)) out.packed = body.slice(COURSE_LINK_KEY.length + 1);
  const step = Number(params.get('step'));
  if ((out.url !== undefined || out.packed !== undefined) && Number.isInteger(step) && step >= 1) out.step = step - 1;
  return out;
}

export const hasCourseAddress = (a: CourseAddress) => a.url !== undefined || a.packed !== undefined;

export type UnpackResult = { ok: true; text: string } | { ok: false; error: string };

/** The course text a `#course=` payload holds, bounded in size and time, or why not. */
export function unpackCourseLink(payload: string): UnpackResult {
  if (payload.length === 0) return { ok: false, error: 'The course link holds no course (nothing follows "#course=").' };
  if (payload.length > MAX_SHARE_READ_CHARS) return { ok: false, error: `The course link is too long to open (${kB(payload.length)}; the limit is ${kB(MAX_SHARE_READ_CHARS)}).` };
  const unpacked = decompressUriSafeBounded(payload, { maxChars: COURSE_LIMITS.fileChars, timeoutMs: MAX_UNPACK_MS });
  if (!unpacked.ok) {
    return {
      ok: false,
      error:
        unpacked.reason === 'too-large'
          ? `The course link unpacks to more than ${COURSE_LIMITS.fileChars / 1e6} MB, more than a course file may hold; it was not opened. Ask for the file instead.`
          : `The course link took longer than ${MAX_UNPACK_MS / 1000} seconds to unpack, so it was not opened. Ask for the file instead.`,
    };
  }
  if (!unpacked.text) return { ok: false, error: 'The course link is damaged: its data could not be decompressed (it may have been cut off when it was copied). Ask for the link again, or for the file.' };
  return { ok: true, text: unpacked.text };
}
