// Links that carry a whole graph: `#share=` + lz-string (URI-safe) of the serialized
// document. The hash never reaches a server, so a shared graph stays between the people
// who hold the link. Links are for graphs, not data: trained weights are never put in a
// link, and a graph over MAX_SHARE_CHARS compressed (a CSV kept inside, say) is refused
// with the advice to Save and send the file instead. Pure: no DOM, unit-tested.
import LZString from 'lz-string';
import { decompressUriSafeBounded } from './boundedLz';
import type { GraphDoc } from '../graph/document';
import { LIMITS } from '../graph/limits';
import { serializeGraph } from '../graph/parse';
import { dataSourceOf } from '../nodes/registry';

export const SHARE_KEY = 'share';
/** The longest link payload we create: 100,000 characters (about 100 kB) compressed. */
export const MAX_SHARE_CHARS = 100_000;
/** The longest payload we accept from a link (links made elsewhere may be longer). */
export const MAX_SHARE_READ_CHARS = 2_000_000;
/** The longest a link may take to unpack (a real graph takes milliseconds). */
export const MAX_UNPACK_MS = 2000;

export type ShareLinkResult = { ok: true; url: string; chars: number } | { ok: false; message: string; chars: number };

export function kB(chars: number): string {
  return `${Math.max(1, Math.round(chars / 1000)).toLocaleString('en-US')} kB`;
}

/** The document a link carries: no weights (they live beside the document, not in links). */
export function linkDoc(doc: GraphDoc): GraphDoc {
  const { weights: _weights, ...plain } = doc;
  return plain;
}

/** `https://host/path?x#share=…` for the document, or why it cannot be a link. */
export function makeShareUrl(doc: GraphDoc, pageUrl: string): ShareLinkResult {
  const payload = LZString.compressToEncodedURIComponent(serializeGraph(linkDoc(doc)));
  if (payload.length > MAX_SHARE_CHARS) {
    const csv = doc.nodes.some((n) => dataSourceOf(n.kind)?.embedsData(n.params));
    const why = csv ? ' The CSV data kept in the graph makes it large.' : '';
    return {
      ok: false,
      chars: payload.length,
      message: `This graph is too large for a link (${kB(payload.length)} compressed; links hold at most ${kB(MAX_SHARE_CHARS)}).${why} Use Save and share the file instead.`,
    };
  }
  const url = new URL(pageUrl);
  url.search = '';
  url.hash = `${SHARE_KEY}=${payload}`;
  return { ok: true, url: url.toString(), chars: payload.length };
}

export type ShareHashResult = { found: false } | { found: true; ok: true; text: string } | { found: true; ok: false; error: string };

/** Reads `#share=…` from a location hash (with or without the leading '#'). */
export function readShareHash(hash: string): ShareHashResult {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  const prefix = `${SHARE_KEY}=`;
  if (!body.startsWith(prefix)) return { found: false };
  const payload = body.slice(prefix.length);
  if (payload.length === 0) return { found: true, ok: false, error: 'The shared link holds no graph (nothing follows "#share=").' };
  if (payload.length > MAX_SHARE_READ_CHARS) {
    return { found: true, ok: false, error: `The shared link is too long to open (${kB(payload.length)}; the limit is ${kB(MAX_SHARE_READ_CHARS)}).` };
  }
  // Bounded: a link a few hundred kB long can unpack to gigabytes (see boundedLz.ts).
  const unpacked = decompressUriSafeBounded(payload, { maxChars: LIMITS.fileChars, timeoutMs: MAX_UNPACK_MS });
  if (!unpacked.ok) {
    const error =
      unpacked.reason === 'too-large'
        ? `The shared link unpacks to more than ${LIMITS.fileChars / 1e6} MB, more than a graph file may hold; it was not opened. Ask for the file instead.`
        : `The shared link took longer than ${MAX_UNPACK_MS / 1000} seconds to unpack, so it was not opened. Ask for the file instead.`;
    return { found: true, ok: false, error };
  }
  const text = unpacked.text;
  if (!text) {
    return { found: true, ok: false, error: 'The shared link is damaged: its graph data could not be decompressed (it may have been cut off when it was copied). Ask for the link again, or for the file.' };
  }
  return { found: true, ok: true, text };
}

/** The `?graph=` address, if the page was opened with one. */
export function readGraphParam(search: string): string | undefined {
  const v = new URLSearchParams(search).get('graph');
  return v === null ? undefined : v.trim();
}
