// Notes come from files and links: no markdown may make the render throw, hang, or grow
// without bound. Each hostile document renders quickly to bounded HTML.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { LIMITS } from '../../graph/limits';
import { MAX_NOTES_FORMULAS, MAX_NOTES_NESTING, MAX_NOTES_TEX_CHARS, renderNotesMarkdown } from './markdown';

const N: number = LIMITS.notesChars; // the most a document's notes may hold
const fill = (unit: string, chars = N) => unit.repeat(Math.floor(chars / unit.length));
const lines = (count: number, f: (i: number) => string) => Array.from({ length: count }, (_, i) => f(i)).join('\n');

const HOSTILE: Record<string, string> = {
  'blockquotes 50,000 deep': `${'>'.repeat(50_000)} x`,
  'lists 30,000 deep': `${'- '.repeat(30_000)}x`,
  'ordered lists deep': `${'1. '.repeat(30_000)}x`,
  'indented lists 3,000 deep': lines(3000, (i) => `${' '.repeat(i * 2)}- x`),
  'quotes growing line by line': lines(400, (i) => `${'>'.repeat(i)} x`),
  'quotes and lists interleaved': `${'> - '.repeat(20_000)}x`,
  'emphasis 50,000 deep': `${'*'.repeat(50_000)}x${'*'.repeat(50_000)}`,
  'links nested': `${'[a]('.repeat(20_000)}x${')'.repeat(20_000)}`,
  'brackets': `${'['.repeat(50_000)}x${']'.repeat(50_000)}`,
  'images nested': fill('!['),
  'one long line': fill('word '),
  'a long autolink': `http://a.b/${'x'.repeat(N - 20)}`,
  'a wide table': `${'|a'.repeat(3000)}|\n${'|-'.repeat(3000)}|\n${`${'|x'.repeat(3000)}|\n`.repeat(10)}`,
  'TeX nested 5,000 deep inline': `Note: $${'{'.repeat(5000)}x${'}'.repeat(5000)}$ end.`,
  'TeX nested deep in a block': `$$\n${'\\sqrt{'.repeat(3000)}x${'}'.repeat(3000)}\n$$`,
  'a recursive macro': '$\\def\\a{\\a}\\a$ and $$\\def\\x{\\x\\x}\\x$$',
  'a huge rule': '$\\rule{100000em}{100000em}$',
  'one formula as long as the notes': `$${fill('x+', N - 2)}$`,
  'thousands of distinct formulas': lines(8000, (i) => `$\\def\\x{\\x\\x}\\x${i}$`),
  'lines of unclosed $$': fill('$$x\n'),
  'unclosed $$ then prose': `$$\n${fill('a\n', N - 10)}`,
  'dollars everywhere': fill('$a$1 $'),
  'backticks': fill('`'),
  'entities': fill('&amp;'),
  'reference definitions': `${lines(4000, (i) => `[r${i}]: http://x/${i}`)}\n${'[r1] '.repeat(4000)}`,
};

describe('renderNotesMarkdown on hostile notes', () => {
  for (const [name, source] of Object.entries(HOSTILE)) {
    it(`survives ${name}`, () => {
      const t0 = performance.now();
      const html = renderNotesMarkdown(source);
      const ms = performance.now() - t0;
      expect(ms, `${name} took ${Math.round(ms)} ms`).toBeLessThan(3000);
      expect(html.length).toBeLessThan(20 * Math.max(source.length, 10_000));
    });
  }

  it('nests blocks no deeper than the limit', () => {
    const html = renderNotesMarkdown(`${'>'.repeat(5000)} deep`);
    expect(html.match(/<blockquote>/g)?.length ?? 0).toBeLessThanOrEqual(MAX_NOTES_NESTING);
    const list = renderNotesMarkdown(`${'- '.repeat(5000)}deep`);
    expect(list.match(/<ul>/g)?.length ?? 0).toBeLessThanOrEqual(MAX_NOTES_NESTING);
  });

  it('shows a sentence in place of a formula too deep, and the rest of the notes', () => {
    const html = renderNotesMarkdown(`# Title\n\nBefore $${'{'.repeat(5000)}x${'}'.repeat(5000)}$ after, and $x^2$.`);
    expect(html).toContain('<h1>Title</h1>');
    expect(html).toContain('This formula nests 5,000 levels deep; formulas may nest at most 100.');
    expect(html).toContain('after, and');
    expect(html).toContain('class="katex"');
  });

  const SPENT = 'The math from here on is shown as written, not typeset: notes may hold at most 1,000 formulas and 30,000 characters of math in all.';

  it('typesets at most MAX_NOTES_FORMULAS formulas and says so for the rest', () => {
    const html = renderNotesMarkdown(lines(MAX_NOTES_FORMULAS + 5, (i) => `$x_{${i}}$`));
    expect(html.match(/class="katex"/g)?.length).toBe(MAX_NOTES_FORMULAS);
    expect(html.split(SPENT).length - 1).toBe(1); // said once
    expect(html).toContain(`<span class="tex-source">$x_{${MAX_NOTES_FORMULAS + 4}}$</span>`);
  });

  it('typesets at most MAX_NOTES_TEX_CHARS characters of TeX and says so for the rest', () => {
    const big = `$$${'x+'.repeat(4000)}x$$`; // 8,001 characters each: three fit in 30,000
    const t0 = performance.now();
    const html = renderNotesMarkdown(Array(10).fill(big).join('\n\n') + '\n\n$y$');
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(html.match(/class="katex-display"/g)?.length).toBe(Math.floor(MAX_NOTES_TEX_CHARS / 8001));
    expect(html.split(SPENT).length - 1).toBe(1);
    expect(html.match(/class="tex-source"/g)?.length).toBe(10 - Math.floor(MAX_NOTES_TEX_CHARS / 8001));
    expect(html).toMatch(/class="katex"/); // a small formula after the big ones still fits
  });

  it('gives a formula refused for its depth or length its own sentence, whatever the budget', () => {
    const deep = `$${'{'.repeat(3000)}x${'}'.repeat(3000)}$`;
    const long = `$${'x+'.repeat(20_000)}x$`;
    const html = renderNotesMarkdown([deep, long, deep, long, '$y$'].join('\n\n'));
    expect(html.split('This formula nests 3,000 levels deep').length - 1).toBe(2);
    expect(html.split('This formula is 40,001 characters long').length - 1).toBe(2);
    expect(html).not.toContain(SPENT);
    expect(html).toMatch(/class="katex"/);
  });

  it('still renders every lecture graph\'s notes with all their math', () => {
    for (const f of readdirSync('graphs').filter((x) => x.endsWith('.json'))) {
      const notes = (JSON.parse(readFileSync(`graphs/${f}`, 'utf8')) as { meta: { notes?: string } }).meta.notes ?? '';
      const html = renderNotesMarkdown(notes);
      expect(html, f).not.toContain('tex-refused');
      expect(html, f).not.toContain('katex-error');
      const blocks = notes.match(/^\s*\$\$/gm)?.length ?? 0;
      expect(html.match(/katex-display/g)?.length ?? 0, f).toBeGreaterThanOrEqual(Math.floor(blocks / 2));
    }
  });
});

describe('what the nesting limit leaves out', () => {
  const NOTE = /Part of these notes is not shown: its quotes or lists are nested inside each other too deeply to display\./;
  it('is said, for quotes and lists nested past the limit', () => {
    for (const source of [`${'>'.repeat(50)} deep`, `${'- '.repeat(50)}deep`, `ok\n\n${'> '.repeat(45)}- x`, lines(40, (i) => `${'  '.repeat(i)}- item ${i}`)]) {
      const html = renderNotesMarkdown(source);
      expect(html, source.slice(0, 40)).toMatch(NOTE);
    }
  });

  it('is not said when nothing is left out', () => {
    for (const source of [`${'>'.repeat(MAX_NOTES_NESTING - 1)} deep`, `${'- '.repeat(MAX_NOTES_NESTING / 2 - 1)}deep`, `${'*a '.repeat(500)}`, `${'['.repeat(500)}x`, '# Notes\n\n$x$']) {
      const html = renderNotesMarkdown(source);
      expect(html, source.slice(0, 40)).not.toMatch(NOTE);
    }
  });
});
