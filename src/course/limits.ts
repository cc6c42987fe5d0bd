// Every limit a course file is held to, in one place, with the numbers stated (after
// src/graph/limits.ts). A course is a list of steps, each holding a whole graph, so the
// graph inside a step is held to every limit of a graph file as well (src/graph/limits.ts):
// the course parser hands each step's graph to the graph parser.
import { LIMITS } from '../graph/limits';
import { TASK_LIMITS } from '../tasks/schema';

export const COURSE_LIMITS = {
  /**
   * A course file, in characters of text: 25 million, about 25 MB, as for a graph file. A
   * course is graphs and notes, not data: a lecture of 13 steps takes about 100 kB.
   */
  fileChars: LIMITS.fileChars,
  /**
   * Nesting of arrays and objects in the whole file. The steps' graphs sit three levels
   * down (`steps[i].graph`), so a graph inside a course may nest 61 levels (a real one
   * nests about 6; a graph file alone may nest 64).
   */
  depth: LIMITS.depth,
  /** Steps in a course. */
  steps: 200,
  /** Tasks on one step (the task format's own limit, src/tasks/schema.ts). */
  tasksPerStep: TASK_LIMITS.tasksPerStep,
  /** Step ids and the course id: short names, unique within the course. */
  idChars: 64,
  titleChars: 200,
  descriptionChars: 20_000,
  /** A step's notes (markdown), as a graph's instructor notes. */
  notesChars: LIMITS.notesChars,
  /** The header's `source` (which app wrote the file). */
  shortChars: LIMITS.shortChars,
  /** Problems listed before "… and N more". */
  problemsListed: LIMITS.problemsListed,
} as const;

export type CourseLimitName = keyof typeof COURSE_LIMITS;

/** "200", "25,000,000": numbers as a person reads them. */
export function formatCourseLimit(name: CourseLimitName): string {
  return COURSE_LIMITS[name].toLocaleString('en-US');
}

export function courseTooLargeText(subject: string, chars?: number): string {
  const size = chars === undefined ? '' : ` ${chars.toLocaleString('en-US')} characters,`;
  return `${subject}${size} larger than ${COURSE_LIMITS.fileChars / 1e6} MB (${formatCourseLimit('fileChars')} characters), the limit for a course file.`;
}
