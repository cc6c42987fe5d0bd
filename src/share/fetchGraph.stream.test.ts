// ?graph= downloads are bounded by what arrives, whatever the server claims or how slowly
// it sends: a body with no Content-Length, one whose Content-Length lies, one that never
// ends, one that trickles a byte at a time. Mocked fetch and streams; no network.
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../graph/limits';
import { fetchGraphText } from './fetchGraph';

const base = 'http://127.0.0.1:4173/';
const URL_ = 'https://example.org/big.json';
const MB = 1_000_000;

/** A stream of `chunks` chunks of `chunkBytes` each (Infinity: never ends), with a count of what was pulled. */
function bodyOf(chunkBytes: number, chunks: number, delayMs = 0) {
  const stats = { pulled: 0, cancelled: false };
  const chunk = new Uint8Array(chunkBytes).fill(0x20);
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (stats.pulled >= chunks) return controller.close();
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      stats.pulled++;
      controller.enqueue(chunk);
    },
    cancel() {
      stats.cancelled = true;
    },
  });
  return { stream, stats };
}

/** fetch that answers with the body and ignores the abort signal, as a careless mock or polyfill might. */
const fetchOf = (body: ReadableStream<Uint8Array>, headers: Record<string, string> = {}) =>
  (async () => new Response(body, { status: 200, headers })) as unknown as typeof fetch;

describe('fetchGraphText reads a bounded body', () => {
  it('stops a body with no Content-Length just past the limit', async () => {
    const { stream, stats } = bodyOf(MB, Infinity);
    const r = await fetchGraphText(URL_, { base, fetch: fetchOf(stream) });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors[0]).toBe(`${URL_} is larger than a graph file may be (25 MB): the download was stopped after 26 MB.`);
    expect(stats.pulled).toBeLessThanOrEqual(LIMITS.fileChars / MB + 3);
    expect(stats.cancelled).toBe(true);
  });

  it('stops a body whose Content-Length claims it is small', async () => {
    const { stream, stats } = bodyOf(MB, 60);
    const progress: [number, number | undefined][] = [];
    const r = await fetchGraphText(URL_, { base, fetch: fetchOf(stream, { 'content-length': '1000' }), onProgress: (a, b) => progress.push([a, b]) });
    expect(!r.ok && r.errors[0]).toMatch(/larger than a graph file may be \(25 MB\): the download was stopped after 26 MB/);
    expect(stats.pulled).toBeLessThan(30);
    // The claimed total is not passed on once more than it has arrived.
    expect(progress.every(([got, total]) => total === undefined || got <= total)).toBe(true);
  });

  it('refuses up front a Content-Length over the limit', async () => {
    const { stream, stats } = bodyOf(MB, 60);
    const r = await fetchGraphText(URL_, { base, fetch: fetchOf(stream, { 'content-length': String(60 * MB) }) });
    expect(!r.ok && r.errors[0]).toMatch(/is 60 MB, larger than a graph file may be/);
    expect(stats.pulled).toBeLessThanOrEqual(1);
  });

  it('stops a body that trickles forever when the time is up, even if fetch ignores the abort', async () => {
    const { stream, stats } = bodyOf(1, Infinity, 5);
    const t0 = Date.now();
    const r = await fetchGraphText(URL_, { base, timeoutMs: 300, fetch: fetchOf(stream) });
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(!r.ok && r.errors[0]).toMatch(/^Downloading https:\/\/example\.org\/big\.json took longer than 0\.3 seconds \(\d+ bytes had arrived\); the download was stopped\. Try again later\.$/);
    expect(stats.cancelled).toBe(true);
  });

  it('reports progress with the total while the total holds, and returns the text', async () => {
    const text = JSON.stringify({ format: 'latent-canvas.graph', pad: 'é'.repeat(100_000) });
    const bytes = new TextEncoder().encode(text);
    // Split inside a two-byte character, so decoding must carry it over between chunks.
    const cut = 5001;
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(bytes.slice(0, cut));
        c.enqueue(bytes.slice(cut));
        c.close();
      },
    });
    const progress: [number, number | undefined][] = [];
    const r = await fetchGraphText(URL_, { base, fetch: fetchOf(stream, { 'content-length': String(bytes.length) }), onProgress: (a, b) => progress.push([a, b]) });
    expect(r.ok && r.text === text).toBe(true);
    expect(progress).toEqual([
      [cut, bytes.length],
      [bytes.length, bytes.length],
    ]);
  });

  it('stops waiting for an answer that never comes, even if fetch ignores the abort', async () => {
    const never = (() => new Promise(() => undefined)) as unknown as typeof fetch;
    const r = await fetchGraphText(URL_, { base, timeoutMs: 50, fetch: never });
    expect(!r.ok && r.errors[0]).toMatch(/took longer than 0\.05 seconds; the server did not answer/);
  });
});
