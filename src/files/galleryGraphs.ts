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

/**
 * The gallery reads as a course: the lecture's graphs in the lecture's order (Part I, the
 * bridge, then Part II from the point estimate to the VAE), then the estimators built from
 * parts. A graph not listed here goes after them, by name.
 */
export const GALLERY_ORDER = [
  'ppca',
  'linear-vae',
  'autoencoder',
  'mc-prior',
  'importance-sampling',
  'vae',
  'vae-2d',
  'elbo-from-parts',
  'iwae-from-parts',
  'is-to-elbo',
  'beta-vae',
  'stl',
  'dreg',
];

const rank = (name: string) => {
  const i = GALLERY_ORDER.indexOf(name);
  return i < 0 ? GALLERY_ORDER.length : i;
};

export const galleryGraphs: GalleryGraph[] = Object.entries(rawGraphs)
  .map(([path, text]) => summary(path, text))
  .sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));

export function galleryGraph(name: string): GalleryGraph | undefined {
  return galleryGraphs.find((g) => g.name === name);
}
