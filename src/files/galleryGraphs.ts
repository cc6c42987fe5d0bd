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

export interface GallerySection {
  id: string;
  title: string;
  /** What the section covers, one line. */
  blurb: string;
  names: readonly string[];
}

/**
 * The gallery reads as a course: the lecture's Part I (linear latent models, where the
 * likelihood is exact, and the linear VAE that bridges to Part II), its Part II (from the
 * point estimate through importance sampling to the VAE), then the variants built from
 * parts. Each graph's notes name its part; a graph not listed goes after them, by name.
 */
export const GALLERY_SECTIONS: readonly GallerySection[] = [
  { id: 'part-1', title: 'Part I · Probabilistic latent variable models', blurb: 'Linear models whose likelihood is exact.', names: ['ppca', 'linear-vae'] },
  {
    id: 'part-2',
    title: 'Part II · From importance sampling to VAEs',
    blurb: 'A neural decoder: the integral has no closed form, so it is estimated.',
    names: ['autoencoder', 'mc-prior', 'importance-sampling', 'vae', 'vae-2d'],
  },
  {
    id: 'variants',
    title: 'Variants · estimators built from parts',
    blurb: 'The same models with their losses taken apart, and the gradient estimators that change only where gradients flow.',
    names: ['elbo-from-parts', 'iwae-from-parts', 'is-to-elbo', 'beta-vae', 'stl', 'dreg'],
  },
];

export const GALLERY_ORDER: readonly string[] = GALLERY_SECTIONS.flatMap((s) => s.names);

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

export interface GalleryStep {
  graph: GalleryGraph;
  /** 1-based place in the whole course, as the gallery and Previous/Next number it. */
  step: number;
}

/** The gallery's sections in order, each with its graphs and their step numbers; unlisted graphs last. */
export function gallerySections(graphs: readonly GalleryGraph[] = galleryGraphs): { section: GallerySection; steps: GalleryStep[] }[] {
  const stepOf = new Map(graphs.map((g, i) => [g.name, i + 1]));
  const listed = new Set(GALLERY_ORDER);
  const more: GallerySection = { id: 'more', title: 'More graphs', blurb: 'Graphs in graphs/ that the course does not place yet.', names: graphs.filter((g) => !listed.has(g.name)).map((g) => g.name) };
  return [...GALLERY_SECTIONS, more]
    .map((section) => ({
      section,
      steps: section.names.flatMap((name) => {
        const graph = graphs.find((g) => g.name === name);
        return graph ? [{ graph, step: stepOf.get(name)! }] : [];
      }),
    }))
    .filter((s) => s.steps.length > 0);
}

/**
 * Which gallery graph is open, by the document's title: the store does not keep the file a
 * document came from, and the gallery's titles are distinct (a test holds it).
 */
export function galleryIndexOf(title: string, graphs: readonly GalleryGraph[] = galleryGraphs): number {
  return graphs.findIndex((g) => g.title === title);
}
