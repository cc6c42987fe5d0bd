import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { GALLERY_ORDER, GALLERY_SECTIONS, galleryGraph, galleryGraphs, galleryIndexOf, gallerySections } from './galleryGraphs';

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

describe('the gallery in lecture order', () => {
  it('groups Part I, Part II and the variants, numbering steps through the whole course', () => {
    const sections = gallerySections();
    expect(sections.map((s) => s.section.id).slice(0, 3)).toEqual(['part-1', 'part-2', 'variants']);
    expect(sections[0].steps.map((s) => s.graph.name)).toEqual(['ppca', 'linear-vae']);
    expect(sections[1].steps.map((s) => s.graph.name)).toEqual(['autoencoder', 'mc-prior', 'importance-sampling', 'vae', 'vae-2d']);
    expect(sections[2].steps.map((s) => s.graph.name)).toEqual(FROM_PARTS);
    expect(sections.flatMap((s) => s.steps.map((t) => t.step))).toEqual(galleryGraphs.map((_, i) => i + 1));
  });

  it("places each lecture graph in the part its notes name", () => {
    const partOf = (name: string) => /^###\s*(Part I|Part II|Bridge|Beyond the lecture)\b/.exec(JSON.parse(galleryGraph(name)!.text).meta.notes ?? '')?.[1];
    for (const name of GALLERY_SECTIONS[0].names) expect(['Part I', 'Bridge'], name).toContain(partOf(name));
    for (const name of GALLERY_SECTIONS[1].names) expect(partOf(name), name).toBe('Part II');
  });

  it('puts graphs the course does not list in a last section', () => {
    const extra = { ...galleryGraphs[0], name: 'zzz-extra', title: 'Extra' };
    const sections = gallerySections([...galleryGraphs, extra]);
    expect(sections.at(-1)?.section.id).toBe('more');
    expect(sections.at(-1)?.steps).toEqual([{ graph: extra, step: galleryGraphs.length + 1 }]);
  });

  it('finds the open graph by its title, and nothing for a title the gallery lacks', () => {
    expect(new Set(galleryGraphs.map((g) => g.title)).size).toBe(galleryGraphs.length);
    const i = galleryGraphs.findIndex((g) => g.name === 'vae');
    expect(galleryIndexOf(galleryGraphs[i].title)).toBe(i);
    expect(galleryIndexOf('My own graph')).toBe(-1);
  });
});
