import { describe, expect, it } from 'vitest';
import { embedSnippet, embedUrlOf } from './snippetText';
import { readStartMode } from './viewMode';

describe('view and embed parameters', () => {
  it('?view and &view=1 open view-only; view=0 does not', () => {
    expect(readStartMode('?view')).toEqual({ viewOnly: true, embed: false });
    expect(readStartMode('?graph=a.json&view=1')).toEqual({ viewOnly: true, embed: false });
    expect(readStartMode('?view=0')).toEqual({ viewOnly: false, embed: false });
    expect(readStartMode('')).toEqual({ viewOnly: false, embed: false });
  });

  it('?embed is the embed view, always view-only', () => {
    expect(readStartMode('?embed')).toEqual({ viewOnly: true, embed: true });
    expect(readStartMode('?embed&graph=x.json')).toEqual({ viewOnly: true, embed: true });
  });
});

describe('the embed snippet', () => {
  const share = 'https://example.org/canvas/#share=N4Ig';

  it('puts ?embed before the share link, keeping the graph in the hash', () => {
    expect(embedUrlOf(share)).toBe('https://example.org/canvas/?embed#share=N4Ig');
    expect(embedUrlOf('https://example.org/?view=1#share=abc')).toBe('https://example.org/?embed#share=abc');
  });

  it('is one iframe, 800 × 500, with the title escaped', () => {
    const html = embedSnippet(share, 'PPCA "exact" <1>');
    expect(html).toMatch(/^<iframe src="https:\/\/example\.org\/canvas\/\?embed#share=N4Ig" width="800" height="500" /);
    expect(html).toContain('title="PPCA &quot;exact&quot; &lt;1>"');
    expect(html.endsWith('</iframe>')).toBe(true);
  });
});

describe('the embed page headers (vite)', async () => {
  const { framablePolicy, isEmbedRequest } = await import('./embedHeaders');
  it('only /?embed… documents are framable', () => {
    expect(isEmbedRequest('/?embed')).toBe(true);
    expect(isEmbedRequest('/index.html?graph=a.json&embed=1')).toBe(true);
    expect(isEmbedRequest('/')).toBe(false);
    expect(isEmbedRequest('/assets/index.js')).toBe(false);
    expect(isEmbedRequest('/?view')).toBe(false);
  });
  it("turns frame-ancestors 'none' into *, leaving the rest", () => {
    expect(framablePolicy("default-src 'self'; frame-ancestors 'none'; object-src 'none'")).toBe("default-src 'self'; frame-ancestors *; object-src 'none'");
    expect(framablePolicy("default-src 'self'")).toBe("default-src 'self'");
  });
});
