// The markdown → HTML step of the notes, in Node. DOMPurify (sanitize.ts) needs a DOM and
// runs after this in the browser; these tests show that this step alone already keeps
// scripts, handlers, javascript: links and raw HTML out of the page.
import { describe, expect, it } from 'vitest';
import { renderNotesMarkdown } from './markdown';

interface Tag {
  name: string;
  attrs: string;
}

function tags(html: string): Tag[] {
  return [...html.matchAll(/<([a-zA-Z][\w-]*)([^>]*)>/g)].map((m) => ({ name: m[1].toLowerCase(), attrs: m[2] }));
}

/** No element that runs or embeds anything, no handler attribute, no script URL. */
function expectInert(html: string) {
  for (const t of tags(html)) {
    expect(['script', 'iframe', 'object', 'embed', 'style', 'form', 'input', 'base', 'meta', 'link'], html).not.toContain(t.name);
    expect(t.attrs, html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(t.attrs, html).not.toMatch(/(href|src|action|xlink:href)\s*=\s*["']?\s*(javascript|vbscript|data:text)/i);
    if (t.name === 'img') expect(t.attrs).toMatch(/src="data:image\//);
  }
}

describe('renderNotesMarkdown', () => {
  it('renders markdown, inline and display math', () => {
    const html = renderNotesMarkdown('# PPCA\n\nThe covariance is $K = \\nu^2 W W^\\top + \\sigma^2 I$.\n\n$$\n-\\log p(x) = \\tfrac12 x^\\top K^{-1} x\n$$\n\n**Train** it.');
    expect(html).toContain('<h1>PPCA</h1>');
    expect(html).toContain('<strong>Train</strong>');
    expect(html).toMatch(/<span class="katex">/);
    expect(html).toContain('<div class="notes-math"><span class="katex-display">');
    expect(html).toContain('<math');
    expectInert(html);
  });

  it('keeps prices and escaped dollars as text, and math intact inside markdown emphasis chars', () => {
    expect(renderNotesMarkdown('It costs $5 and $10.')).not.toContain('katex');
    expect(renderNotesMarkdown('A \\$ sign and $x_1 * y_2$')).toMatch(/A \$ sign/);
    const html = renderNotesMarkdown('$a_1 * b_2 * c$');
    expect(html).not.toContain('<em>');
    expect(html).toContain('katex');
    expect(renderNotesMarkdown('$$x$$ inline display')).toContain('katex-display');
  });

  it('shows raw HTML as text: no script, no handlers, no elements from the notes', () => {
    const attacks = [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      'text <img src="x" onerror="alert(1)"> more',
      '<div onclick="alert(1)">click</div>',
      '<iframe src="javascript:alert(1)"></iframe>',
      '<a href="javascript:alert(1)">x</a>',
      '<svg onload=alert(1)><script>alert(1)</script></svg>',
      '<style>body{display:none}</style>',
      '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
    ];
    for (const a of attacks) {
      const html = renderNotesMarkdown(a);
      expectInert(html);
      expect(html).not.toMatch(/<(script|img|div|iframe|svg|style|a)\b/);
      expect(html).toContain('&lt;');
    }
  });

  it('never produces javascript:, vbscript: or data: links', () => {
    const attacks = [
      '[x](javascript:alert(1))',
      '[x](JaVaScRiPt:alert(1))',
      '[x](&#106;avascript:alert(1))',
      '[x](javascript&#58;alert(1))',
      '[x]( javascript:alert(1))',
      '<javascript:alert(1)>',
      'javascript:alert(1)',
      '[x](vbscript:msgbox(1))',
      '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
      '[x][r]\n\n[r]: javascript:alert(1)',
      '![x](javascript:alert(1))',
    ];
    for (const a of attacks) {
      const html = renderNotesMarkdown(a);
      expectInert(html);
      expect(html, a).not.toMatch(/href="(?!https?:|mailto:)/);
    }
  });

  it('does not let TeX link, style or load anything (KaTeX trust: false)', () => {
    const attacks = [
      '$\\href{javascript:alert(1)}{click}$',
      '$\\url{javascript:alert(1)}$',
      '$$\\includegraphics{https://evil.example/x.png}$$',
      '$\\htmlClass{x}{y}\\htmlStyle{color:red}{z}\\htmlId{a}{b}\\htmlData{a=b}{c}$',
      '$\\def\\a{\\a\\a}\\a$',
    ];
    for (const a of attacks) {
      const html = renderNotesMarkdown(a);
      expectInert(html);
      expect(html).not.toMatch(/<a\b|<img\b/);
      expect(html).not.toMatch(/class="[^"]*\bx\b|id="a"|data-a=/);
    }
  });

  it('opens links in a new tab without access to this page', () => {
    const html = renderNotesMarkdown('See [the paper](https://proceedings.neurips.cc/paper/1998) and https://danijar.com.');
    const links = tags(html).filter((t) => t.name === 'a');
    expect(links).toHaveLength(2);
    for (const l of links) {
      expect(l.attrs).toContain('target="_blank"');
      expect(l.attrs).toContain('rel="noopener noreferrer"');
    }
  });

  it('loads no remote image; a data: image stays', () => {
    const remote = renderNotesMarkdown('![tracker](https://evil.example/pixel.png)');
    expect(remote).not.toContain('<img');
    expect(remote).toContain('[image: tracker]');
    const inline = renderNotesMarkdown('![dot](data:image/png;base64,iVBORw0KGgo=)');
    expect(inline).toContain('<img src="data:image/png;base64,iVBORw0KGgo="');
  });
});
