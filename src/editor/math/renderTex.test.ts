// No TeX can make renderTex throw, hang or return something unbounded: each hostile input
// gives either typeset math or one sentence saying why not, quickly.
import { describe, expect, it } from 'vitest';
import { renderTex } from './renderTex';
import { MAX_TEX_CHARS, MAX_TEX_NESTING, texNesting, texRefusal } from './texBounds';

const nest = (open: string, close: string, depth: number, inner = 'x') => open.repeat(depth) + inner + close.repeat(depth);

const HOSTILE: Record<string, string> = {
  'a macro that calls itself': '\\def\\a{\\a}\\a',
  'a macro that doubles itself': '\\def\\x{\\x\\x}\\x',
  'a \\gdef loop': '\\gdef\\a{\\a\\a}\\a',
  'a \\newcommand loop': '\\newcommand{\\b}{\\b}\\b',
  'braces 5,000 deep': nest('{', '}', 5000),
  'unbalanced braces 50,000 deep': '{'.repeat(50_000),
  '\\sqrt 2,000 deep': nest('\\sqrt{', '}', 2000),
  '\\frac 1,000 deep': nest('\\frac{', '}{y}', 1000),
  '\\left( 3,000 deep': nest('\\left(', '\\right)', 3000),
  'environments 1,000 deep': nest('\\begin{matrix}', '\\end{matrix}', 1000),
  'superscripts 3,000 deep': nest('x^{', '}', 3000, '1'),
  '\\bgroup 3,000 deep': nest('\\bgroup ', '\\egroup ', 3000),
  'expansions that each add a level': `\\def\\o{${'\\bgroup'.repeat(10)}}${'\\o'.repeat(900)}x`,
  // 100 expansions, 5,000 levels: past the check (the macro body nests 50), caught after.
  'depth built by a macro': `\\def\\o{${'\\begingroup'.repeat(50)}}${'\\o'.repeat(100)}x`,
  'a macro that nests its argument': '\\def\\w#1{\\sqrt{#1}}' + nest('\\w{', '}', 150),
  'a huge \\rule': '\\rule{100000em}{100000em}',
  'a huge \\kern': 'a\\kern{1000000000em}b',
  'a huge \\hspace': 'a\\hspace{99999999pt}b',
  'a long sum': 'x+'.repeat(200_000),
  'a long matrix': `\\begin{pmatrix}${'a&b\\\\'.repeat(20_000)}\\end{pmatrix}`,
  'many macro uses': `\\gdef\\a{xxxxxxxxxx}${'\\a'.repeat(5000)}`,
  'an unterminated group in a comment': `x % ${'{'.repeat(5000)}\n+ y`,
  'a link attempt': '\\href{javascript:alert(1)}{x}',
};

describe('renderTex on hostile TeX', () => {
  for (const [name, tex] of Object.entries(HOSTILE)) {
    it(`survives ${name}`, () => {
      const t0 = performance.now();
      const html = renderTex(tex, true);
      const ms = performance.now() - t0;
      expect(ms, `${name} took ${ms} ms`).toBeLessThan(2000);
      expect(html.length).toBeLessThan(2_000_000);
      expect(html).not.toMatch(/<a\s|href=/); // \href is refused (trust: false)
      // Either KaTeX output (its own red error included) or our one sentence.
      expect(html).toMatch(/^<span class="(katex|katex-display|katex-error|tex-refused)"/);
    });
  }

  it('names the depth and the limit for deep nesting', () => {
    expect(renderTex(nest('{', '}', 5000))).toContain('This formula nests 5,000 levels deep; formulas may nest at most 100.');
    expect(renderTex(nest('\\left(', '\\right)', 300))).toContain('nests 300 levels deep');
  });

  it('names the length and the limit for a formula too long', () => {
    expect(renderTex('x+'.repeat(200_000))).toContain(`This formula is 400,000 characters long; formulas may have at most ${MAX_TEX_CHARS.toLocaleString('en-US')}.`);
  });

  it('says what went wrong when KaTeX itself fails past the checks', () => {
    const html = renderTex(HOSTILE['depth built by a macro'], true);
    expect(html).toBe('<span class="tex-refused" role="note">This formula could not be typeset: it is too complex for the browser (Maximum call stack size exceeded).</span>');
  });

  it('typesets ordinary formulas, and nesting up to the limit', () => {
    expect(renderTex('\\frac{a}{b} + \\sqrt{x}')).toMatch(/^<span class="katex">/);
    expect(renderTex(nest('{', '}', MAX_TEX_NESTING))).toMatch(/^<span class="katex">/);
    expect(renderTex(nest('\\sqrt{', '}', MAX_TEX_NESTING))).toMatch(/^<span class="katex">/);
    expect(renderTex('\\{ \\} \\\\ 100\\%')).toMatch(/^<span class="katex">/);
  });

  it('escapes the sentence it shows', () => {
    expect(renderTex(`<img src=x onerror=alert(1)>${'{'.repeat(500)}`)).not.toContain('<img');
  });
});

describe('texNesting', () => {
  it('counts groups, \\left, environments and \\bgroup, and skips escapes and comments', () => {
    expect(texNesting('x')).toBe(0);
    expect(texNesting('{a}{b}')).toBe(1);
    expect(texNesting('\\left( {a} \\right)')).toBe(2);
    expect(texNesting('\\begin{matrix} a \\end{matrix}')).toBe(2); // \begin and its {matrix}
    expect(texNesting('\\{\\{\\{')).toBe(0);
    expect(texNesting('% {{{{\nx')).toBe(0);
    expect(texNesting('\\bgroup\\bgroup x\\egroup\\egroup')).toBe(2);
    expect(texRefusal('x')).toBeUndefined();
  });
});
