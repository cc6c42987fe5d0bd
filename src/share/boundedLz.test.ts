import { describe, expect, it } from 'vitest';
import LZString from 'lz-string';
import { readFileSync, readdirSync } from 'node:fs';
import { decompressUriSafeBounded } from './boundedLz';
import { repeatedCharPayload } from './lzBomb';

const URI_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';
const LOOSE = { maxChars: Infinity, timeoutMs: 60_000 };

/** lz-string's answer, with its throw on damaged input read as null (as readShareHash does). */
function reference(payload: string): string | null {
  try {
    return LZString.decompressFromEncodedURIComponent(payload);
  } catch {
    return null;
  }
}

function ours(payload: string): string | null {
  const r = decompressUriSafeBounded(payload, LOOSE);
  if (!r.ok) throw new Error(r.reason);
  return r.text;
}

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('decompressUriSafeBounded', () => {
  it('gives what lz-string gives for every lecture graph', () => {
    for (const f of readdirSync('graphs').filter((x) => x.endsWith('.json'))) {
      const text = readFileSync(`graphs/${f}`, 'utf8');
      const payload = LZString.compressToEncodedURIComponent(text);
      expect(ours(payload), f).toBe(text);
    }
  });

  it('gives what lz-string gives for thousands of random texts, compressed', () => {
    const r = rng(1);
    const alphabets = ['ab', 'abcdefghij', '{}[]":,0123456789 \n', 'αβγδ€😀\u0000\uffff'];
    for (let i = 0; i < 3000; i++) {
      const alphabet = alphabets[i % alphabets.length];
      const n = Math.floor(r() * (i % 10 === 0 ? 5000 : 200));
      let text = '';
      for (let k = 0; k < n; k++) text += alphabet[Math.floor(r() * alphabet.length)];
      const payload = LZString.compressToEncodedURIComponent(text);
      expect(ours(payload)).toBe(reference(payload));
      expect(ours(payload)).toBe(text);
    }
  });

  it('gives what lz-string gives for random and damaged payloads', () => {
    const r = rng(2);
    for (let i = 0; i < 5000; i++) {
      const n = 1 + Math.floor(r() * 60);
      let payload = '';
      for (let k = 0; k < n; k++) payload += i % 7 === 0 ? String.fromCharCode(32 + Math.floor(r() * 300)) : URI_SAFE[Math.floor(r() * URI_SAFE.length)];
      expect(ours(payload), JSON.stringify(payload)).toBe(reference(payload));
    }
    const good = LZString.compressToEncodedURIComponent(readFileSync('graphs/vae.json', 'utf8'));
    for (let cut = 1; cut < good.length; cut += 97) expect(ours(good.slice(0, cut))).toBe(reference(good.slice(0, cut)));
    expect(ours('')).toBe(reference(''));
    expect(ours(good.replace(/\+/g, ' '))).toBe(reference(good.replace(/\+/g, ' ')));
  });

  it('reads the test bomb as lz-string does', () => {
    for (const n of [1, 2, 3, 10, 1000, 54_321]) {
      const { payload, chars } = repeatedCharPayload('x', n);
      const text = reference(payload);
      expect(text?.length).toBe(chars);
      expect(text === 'x'.repeat(chars)).toBe(true);
      expect(ours(payload) === text).toBe(true);
    }
  });

  it('stops once the output passes the bound, long before it is built', () => {
    const { payload, chars } = repeatedCharPayload('x', 30_000_000);
    expect(chars).toBeGreaterThan(30_000_000);
    expect(payload.length).toBeLessThan(20_000); // a tiny link for 30 MB
    const t0 = Date.now();
    expect(decompressUriSafeBounded(payload, { maxChars: 25_000_000, timeoutMs: 10_000 })).toEqual({ ok: false, reason: 'too-large' });
    expect(decompressUriSafeBounded(payload, { maxChars: 1000, timeoutMs: 10_000 })).toEqual({ ok: false, reason: 'too-large' });
    expect(Date.now() - t0).toBeLessThan(5000);
    const small = repeatedCharPayload('x', 1000);
    const r = decompressUriSafeBounded(small.payload, { maxChars: small.chars, timeoutMs: 1000 });
    expect(r.ok && r.text?.length).toBe(small.chars);
  });

  it('stops when it runs past the time limit', () => {
    const r = rng(3);
    let text = '';
    for (let i = 0; i < 100_000; i++) text += String.fromCharCode(97 + Math.floor(r() * 26));
    const payload = LZString.compressToEncodedURIComponent(text);
    let t = 0;
    const slowClock = () => (t += 1000); // every look at the clock is a second later
    const result = decompressUriSafeBounded(payload, { maxChars: Infinity, timeoutMs: 2000, now: slowClock });
    expect(result.ok ? 'finished' : result.reason).toBe('too-slow');
    expect(ours(payload) === text).toBe(true);
  });
});
