// The course document: an ordered list of steps, each a graph with the instructor's notes
// and the tasks that check the learner's work on it (src/tasks/schema.ts). It is saved,
// shared and opened like a graph file: a versioned header, ordered up-migrations
// (migrations.ts), stated limits (limits.ts) and a parser that refuses anything hostile
// with sentences naming the step and the field (parse.ts).
//
// Format history (migrations.ts holds the steps, tests/fixtures/courses/ the old files):
//   0  the draft layout, with no `version`: `title` and `description` at the top level,
//      steps of `{ title, graph, notes?, tasks? }` without ids. Still read (hand-written
//      courses are short to write this way), upgraded on open.
//   1  format, version, source, meta { id?, title, description }, steps [{ id, title,
//      notes, graph, tasks? }].
import { z } from 'zod';
import { RESERVED_KEYS } from '../graph/sanitize';
import type { GraphDoc } from '../graph/document';
import { tasksSchema, type Task } from '../tasks/schema';
import { COURSE_LIMITS, formatCourseLimit } from './limits';

export const COURSE_FORMAT = 'latent-canvas.course';
export const COURSE_VERSION = 1;
/** What this app writes in the header's `source`. */
export const COURSE_SOURCE = 'latent-canvas';

/** Step ids and the course id: short, no prototype names (they end up as keys). */
const name = (what: string) =>
  z
    .string()
    .min(1, `a ${what} must not be empty`)
    .max(COURSE_LIMITS.idChars)
    .refine((s) => !RESERVED_KEYS.has(s), `"__proto__", "constructor" and "prototype" cannot be used as a ${what}`);

export const courseMetaSchema = z.object({
  /**
   * A stable name for the course (`lecture`): the learner's progress is kept under it, so a
   * course keeps its progress when its title is reworded. Without one, the title is used.
   */
  id: name('course id').optional(),
  title: z.string().trim().min(1, 'a course needs a title').max(COURSE_LIMITS.titleChars),
  description: z.string().max(COURSE_LIMITS.descriptionChars).default(''),
});

/**
 * A step as the schema sees it. Its graph is checked afterwards by the graph parser itself
 * (parse.ts), so a step's graph opens exactly as the same graph saved as a file would.
 */
export const courseStepSchema = z.object({
  id: name('step id'),
  title: z.string().trim().min(1, 'a step needs a title').max(COURSE_LIMITS.titleChars),
  /** The instructor's notes for the step (markdown, rendered by the notes panel, never run). */
  notes: z.string().max(COURSE_LIMITS.notesChars, `is longer than ${formatCourseLimit('notesChars')} characters, the limit for a step's notes`).default(''),
  graph: z.record(z.string(), z.unknown(), { error: 'must be a graph document (a JSON object with "format": "latent-canvas.graph")' }),
  tasks: tasksSchema.optional(),
});

export const courseFileSchema = z.object({
  format: z.literal(COURSE_FORMAT, { error: `is not "${COURSE_FORMAT}" — this is not a Latent Canvas course` }),
  version: z.literal(COURSE_VERSION),
  source: z.string().max(COURSE_LIMITS.shortChars).default(COURSE_SOURCE),
  meta: courseMetaSchema,
  steps: z
    .array(courseStepSchema)
    .min(1, 'a course needs at least one step')
    .max(COURSE_LIMITS.steps, `has more than ${formatCourseLimit('steps')} steps, the limit for a course`),
});

export type CourseMeta = z.infer<typeof courseMetaSchema>;

export interface CourseStep {
  id: string;
  title: string;
  notes: string;
  /** The step's starting graph, as the graph parser returned it. */
  graph: GraphDoc;
  tasks?: Task[];
}

export interface Course {
  format: typeof COURSE_FORMAT;
  version: typeof COURSE_VERSION;
  source: string;
  meta: CourseMeta;
  steps: CourseStep[];
}

/** The name a course's progress is kept under: its id, else its title. */
export function courseKey(course: Pick<Course, 'meta'>): string {
  return course.meta.id ?? `title:${course.meta.title}`;
}

/** What a task panel is told a step is: unique across courses and steps. */
export function stepKey(course: Pick<Course, 'meta'>, step: Pick<CourseStep, 'id'>): string {
  return `${courseKey(course)}/${step.id}`;
}
