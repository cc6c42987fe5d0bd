// The courses shipped in the repository's courses/ folder (the lecture, written by
// scripts/lecture-course.ts), bundled as raw text like the gallery's graphs, so the gallery
// lists them and a tab that reloads in the middle of one finds it again without a download.
const rawCourses = import.meta.glob<string>('../../courses/*.course.json', { query: '?raw', import: 'default', eager: true });

export interface BundledCourse {
  /** The file's base name (`lecture`), used in test ids and as the name a tab remembers. */
  name: string;
  fileName: string;
  title: string;
  description: string;
  /** How many steps it has (0 when the file does not read). */
  steps: number;
  text: string;
}

function summary(path: string, text: string): BundledCourse {
  const fileName = path.split('/').pop() ?? path;
  const name = fileName.replace(/\.course\.json$/, '');
  let title = name;
  let description = '';
  let steps = 0;
  try {
    const v = JSON.parse(text) as { meta?: { title?: unknown; description?: unknown }; steps?: unknown };
    if (typeof v.meta?.title === 'string') title = v.meta.title;
    if (typeof v.meta?.description === 'string') description = v.meta.description;
    if (Array.isArray(v.steps)) steps = v.steps.length;
  } catch {
    // Listed anyway; opening it shows the parser's reasons.
  }
  return { name, fileName, title, description, steps, text };
}

export const bundledCourses: BundledCourse[] = Object.entries(rawCourses)
  .map(([path, text]) => summary(path, text))
  .sort((a, b) => (a.name === 'lecture' ? -1 : b.name === 'lecture' ? 1 : a.name.localeCompare(b.name)));

export function bundledCourse(name: string): BundledCourse | undefined {
  return bundledCourses.find((c) => c.name === name);
}
