// The lecture graphs shipped in the repository's graphs/ folder, bundled as raw text.
// Eager: they are small, and the startup graph is needed before the first render.
import { baseName } from './fileName';

const rawGraphs = import.meta.glob<string>('../../graphs/*.json', { query: '?raw', import: 'default', eager: true });

export interface GalleryGraph {
  /** The file's base name (`ppca`), used in test ids and as the file name in messages. */
  name: string;
  fileName: string;
  title: string;
  description: string;
  text: string;
}

function summary(path: string, text: string): GalleryGraph {
  const name = baseName(path);
  let title = name;
  let description = '';
  try {
    const meta = (JSON.parse(text) as { meta?: { title?: unknown; description?: unknown } }).meta;
    if (typeof meta?.title === 'string') title = meta.title;
    if (typeof meta?.description === 'string') description = meta.description;
  } catch {
    // A broken file is still listed; opening it shows the parser's errors.
  }
  return { name, fileName: `${name}.json`, title, description, text };
}

export const galleryGraphs: GalleryGraph[] = Object.entries(rawGraphs)
  .map(([path, text]) => summary(path, text))
  .sort((a, b) => a.name.localeCompare(b.name));

export function galleryGraph(name: string): GalleryGraph | undefined {
  return galleryGraphs.find((g) => g.name === name);
}
