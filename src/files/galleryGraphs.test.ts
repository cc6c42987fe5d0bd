import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { GALLERY_ORDER, galleryGraph, galleryGraphs } from './galleryGraphs';

// Written out here rather than read from GALLERY_ORDER, so a reordering of the list is a
// decision this test has to be told about.
const LECTURE = ['ppca', 'linear-vae', 'autoencoder', 'mc-prior', 'importance-sampling', 'vae', 'vae-2d'];
const FROM_PARTS = ['elbo-from-parts', 'iwae-from-parts', 'is-to-elbo', 'beta-vae', 'stl', 'dreg'];

describe('the gallery', () => {
  it("lists the lecture's graphs in the lecture's order, then the estimators from parts", () => {
    const names = galleryGraphs.map((g) => g.name);
    expect(names.slice(0, LECTURE.length + FROM_PARTS.length)).toEqual([...LECTURE, ...FROM_PARTS]);
  });

  it('lists every file of graphs/ exactly once, unlisted ones after the ordered ones by name', () => {
    const files = readdirSync('graphs').filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5));
    const names = galleryGraphs.map((g) => g.name);
    expect([...names].sort()).toEqual([...files].sort());
    const rest = names.slice(GALLERY_ORDER.filter((n) => files.includes(n)).length);
    expect(rest).toEqual(files.filter((f) => !GALLERY_ORDER.includes(f)).sort((a, b) => a.localeCompare(b)));
  });

  it('names only graphs that exist in its order', () => {
    const files = readdirSync('graphs');
    for (const name of GALLERY_ORDER) expect(files, name).toContain(`${name}.json`);
  });

  it('reads each title from the file', () => {
    expect(galleryGraph('dreg')?.title).toMatch(/DReG/);
    expect(galleryGraph('is-to-elbo')?.fileName).toBe('is-to-elbo.json');
  });
});
