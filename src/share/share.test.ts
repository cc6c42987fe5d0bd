import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseGraphText, serializeGraph } from '../graph/parse';
import type { GraphDoc } from '../graph/document';
import { encodeWeights } from '../graph/weights';
import { MAX_SHARE_CHARS, makeShareUrl, readGraphParam, readShareHash } from './shareLink';
import { fetchGraphText } from './fetchGraph';
import { repeatedCharPayload } from './lzBomb';

const PAGE = 'http://127.0.0.1:4173/?graph=old#share=old';

function ppca(): GraphDoc {
  const r = parseGraphText(readFileSync('graphs/ppca.json', 'utf8'), 'ppca.json');
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.doc;
}

function hashOf(url: string): string {
  return new URL(url).hash;
}

describe('share links', () => {
  it('round-trip a graph exactly, dropping the old query and hash', () => {
    const doc = ppca();
    const link = makeShareUrl(doc, PAGE);
    expect(link.ok).toBe(true);
    if (!link.ok) return;
    expect(link.url.startsWith('http://127.0.0.1:4173/#share=')).toBe(true);
    expect(link.chars).toBeLessThan(MAX_SHARE_CHARS / 5); // a lecture graph, notes and all, fits easily
    const read = readShareHash(hashOf(link.url));
    expect(read).toMatchObject({ found: true, ok: true });
    if (!read.found || !read.ok) return;
    expect(read.text).toBe(serializeGraph(doc));
    const back = parseGraphText(read.text);
    expect(back.ok && back.doc).toEqual(doc);
  });

  it('never carries weights', () => {
    const doc = { ...ppca(), weights: encodeWeights([{ name: 'decoder/kernel', shape: [2], data: new Float32Array([1, 2]) }]) };
    const link = makeShareUrl(doc, PAGE);
    const read = link.ok ? readShareHash(hashOf(link.url)) : undefined;
    expect(read?.found && read.ok && JSON.parse(read.text).weights).toBeUndefined();
  });

  it('refuses a graph too large for a link, naming the CSV and suggesting Save', () => {
    const doc = ppca();
    // Incompressible CSV: pseudo-random digits.
    let s = 1;
    const rows: string[] = [];
    for (let i = 0; i < 30000; i++) {
      s = (s * 16807) % 2147483647;
      rows.push(`${s % 1000},${(s >> 7) % 1000}`);
    }
    const data = doc.nodes.find((n) => n.kind === 'data')!;
    const big: GraphDoc = { ...doc, nodes: doc.nodes.map((n) => (n === data ? { ...n, params: { ...n.params, source: 'csv', csvText: rows.join('\n') } } : n)) };
    const link = makeShareUrl(big, PAGE);
    expect(link.ok).toBe(false);
    if (link.ok) return;
    expect(link.chars).toBeGreaterThan(MAX_SHARE_CHARS);
    expect(link.message).toMatch(/too large for a link/);
    expect(link.message).toMatch(/CSV/);
    expect(link.message).toMatch(/Save/);
  });

  it('reports a damaged or empty link instead of guessing', () => {
    expect(readShareHash('')).toEqual({ found: false });
    expect(readShareHash('#other=1')).toEqual({ found: false });
    expect(readShareHash('#share=')).toMatchObject({ found: true, ok: false });
    const damaged = readShareHash('#share=%%%not-lz');
    expect(damaged).toMatchObject({ found: true, ok: false });
    // A valid payload cut in half decompresses to nothing or to text that is not a graph.
    const link = makeShareUrl(ppca(), PAGE);
    const cut = link.ok ? hashOf(link.url).slice(0, 60) : '';
    const r = readShareHash(cut);
    if (r.found && r.ok) expect(parseGraphText(r.text, 'the shared link').ok).toBe(false);
    else expect(r.found).toBe(true);
  });

  it('refuses a link that unpacks to more than a graph file may hold, without unpacking it all', () => {
    for (const n of [25_000_001, 30_000_000, 2_000_000_000]) {
      const { payload } = repeatedCharPayload('x', n);
      const t0 = Date.now();
      const r = readShareHash(`#share=${payload}`);
      expect(Date.now() - t0).toBeLessThan(3000);
      expect(r).toEqual({ found: true, ok: false, error: 'The shared link unpacks to more than 25 MB, more than a graph file may hold; it was not opened. Ask for the file instead.' });
    }
    const fits = repeatedCharPayload(' ', 1000).payload;
    expect(readShareHash(`#share=${fits}`)).toEqual({ found: true, ok: true, text: ' '.repeat(repeatedCharPayload(' ', 1000).chars) });
  });

  it('reads ?graph=', () => {
    expect(readGraphParam('?graph=https%3A%2F%2Fx.org%2Fa.json')).toBe('https://x.org/a.json');
    expect(readGraphParam('?other=1')).toBeUndefined();
  });
});

function fakeFetch(respond: (url: string) => Response | Promise<Response>): typeof fetch {
  return (async (input: RequestInfo | URL) => respond(String(input))) as typeof fetch;
}

describe('fetching ?graph=', () => {
  const base = 'http://127.0.0.1:4173/';

  it('fetches a hosted file and names it', async () => {
    const text = serializeGraph(ppca());
    const r = await fetchGraphText('https://example.org/lectures/ppca.json', { base, fetch: fakeFetch(() => new Response(text)) });
    expect(r).toMatchObject({ ok: true, fileName: 'ppca.json', text });
  });

  it('resolves a relative address against the page', async () => {
    let asked = '';
    await fetchGraphText('graphs/ppca.json', { base, fetch: fakeFetch((u) => ((asked = u), new Response('{}'))) });
    expect(asked).toBe('http://127.0.0.1:4173/graphs/ppca.json');
  });

  it('says why it failed: network, HTTP status, web page, address, scheme', async () => {
    const network = await fetchGraphText('https://example.org/a.json', {
      base,
      fetch: fakeFetch(() => {
        throw new TypeError('Failed to fetch');
      }),
    });
    expect(network.ok).toBe(false);
    expect(!network.ok && network.errors[0]).toMatch(/request failed.*Access-Control-Allow-Origin/);

    const missing = await fetchGraphText('https://example.org/a.json', { base, fetch: fakeFetch(() => new Response('nope', { status: 404, statusText: 'Not Found' })) });
    expect(!missing.ok && missing.errors[0]).toMatch(/answered 404 Not Found/);

    const page = await fetchGraphText('https://github.com/x/y/blob/main/a.json', { base, fetch: fakeFetch(() => new Response('<!DOCTYPE html><html></html>')) });
    expect(!page.ok && page.errors[0]).toMatch(/web page, not a graph file/);

    const bad = await fetchGraphText('http://[bad', { base, fetch: fakeFetch(() => new Response('')) });
    expect(!bad.ok && bad.errors[0]).toMatch(/not a web address/);

    const plain = await fetchGraphText('http://example.org/a.json', { base, fetch: fakeFetch(() => new Response('')) });
    expect(!plain.ok && plain.errors[0]).toMatch(/https:\/\//);

    const slow = await fetchGraphText('https://example.org/a.json', {
      base,
      timeoutMs: 20,
      fetch: ((_u: string, init?: RequestInit) =>
        new Promise((_, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))))) as typeof fetch,
    });
    expect(!slow.ok && slow.errors[0]).toMatch(/did not answer/);
  });
});
