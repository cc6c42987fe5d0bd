// Large strings (a CSV kept in a data node, long notes) are stored once, keyed by their
// content, instead of with every autosave: writing a 17 MB string into IndexedDB on every
// edit blocked the page for most of a second. A saved document (and a run's docJson)
// holds a marker string in their place; reading it back puts the text back in.
//
// Nothing here knows which node kind or field holds the text: any string value of at
// least BIG_STRING_CHARS characters anywhere in the document is stored this way.

/** Strings from this length on are stored apart (smaller ones cost nothing to rewrite). */
export const BIG_STRING_CHARS = 64 * 1024;

const MARKER_PREFIX = 'lc-dataset:';
/** A marker as it appears inside JSON text (with its quotes). */
const MARKER_IN_JSON = /"lc-dataset:([a-z0-9]+-[0-9a-f]{16,64})"/g;

export function markerFor(hash: string): string {
  return MARKER_PREFIX + hash;
}

export function hashOfMarker(value: string): string | undefined {
  return value.startsWith(MARKER_PREFIX) && value.length < 100 ? value.slice(MARKER_PREFIX.length) : undefined;
}

/** The dataset keys a stored text (a saved document or a run's docJson) refers to. */
export function referencedHashes(text: string): string[] {
  return [...new Set(Array.from(text.matchAll(MARKER_IN_JSON), (m) => m[1]))];
}

/** Puts the datasets back into a stored text; `missing` lists the keys that were not found. */
export function rehydrateText(text: string, datasets: ReadonlyMap<string, string>): { text: string; missing: string[] } {
  const missing = new Set<string>();
  const escaped = new Map<string, string>();
  const out = text.replace(MARKER_IN_JSON, (whole, hash: string) => {
    const value = datasets.get(hash);
    if (value === undefined) {
      missing.add(hash);
      return whole;
    }
    let e = escaped.get(hash);
    if (e === undefined) escaped.set(hash, (e = JSON.stringify(value)));
    return e;
  });
  return { text: out, missing: [...missing] };
}

const FNV_CHUNK = 1 << 20;

/** A 64-bit FNV-1a over UTF-16 code units, in chunks that yield to the page between them. */
async function fnvHash(text: string): Promise<string> {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ text.length;
  for (let start = 0; start < text.length; start += FNV_CHUNK) {
    const end = Math.min(text.length, start + FNV_CHUNK);
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    }
    if (end < text.length) await new Promise((r) => setTimeout(r, 0));
  }
  return 'fnv-' + (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0') + text.length.toString(16).padStart(8, '0');
}

/**
 * The content key of a text. SHA-256 through crypto.subtle where the page has it (it
 * hashes off the main thread); otherwise FNV in chunks, so the page never stalls.
 */
export async function contentHash(text: string): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (subtle) {
    const digest = await subtle.digest('SHA-256', new TextEncoder().encode(text));
    return 'sha256-' + Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
  }
  return fnvHash(text);
}

interface Known {
  value: string;
  hash: string;
  /** JSON.stringify(value), made once, to find the value inside a run's docJson. */
  escaped?: string;
}

/**
 * Remembers the hash of each big string seen, so an autosave after an edit elsewhere in
 * the graph compares one pointer (the same string object) instead of hashing 17 MB again.
 */
export class DatasetIndex {
  private known: Known[] = [];
  constructor(private readonly limit = 16) {}

  private find(value: string): Known | undefined {
    // `===` on the same string object is a pointer comparison; on another string of the
    // same length it compares contents, still far cheaper than hashing.
    return this.known.find((k) => k.value.length === value.length && k.value === value);
  }

  async hashOf(value: string): Promise<string> {
    const k = this.find(value);
    if (k) return k.hash;
    const hash = await contentHash(value);
    this.remember(value, hash);
    return hash;
  }

  remember(value: string, hash: string): void {
    if (this.find(value)) return;
    this.known.unshift({ value, hash });
    if (this.known.length > this.limit) this.known.length = this.limit;
  }

  /** A known value's text by hash (to store it), if this index has it. */
  valueOf(hash: string): string | undefined {
    return this.known.find((k) => k.hash === hash)?.value;
  }

  /**
   * Replaces every big string of a JSON value (any depth) by its marker. Returns the new
   * value (the input is never changed) and the datasets it refers to.
   */
  async externalize<T>(value: T): Promise<{ value: T; datasets: Map<string, string> }> {
    const datasets = new Map<string, string>();
    const walk = async (v: unknown): Promise<unknown> => {
      if (typeof v === 'string') {
        if (v.length < BIG_STRING_CHARS) return v;
        const hash = await this.hashOf(v);
        datasets.set(hash, v);
        return markerFor(hash);
      }
      if (Array.isArray(v)) {
        let changed = false;
        const out = [];
        for (const x of v) {
          const y = await walk(x);
          changed ||= y !== x;
          out.push(y);
        }
        return changed ? out : v;
      }
      if (v && typeof v === 'object' && !ArrayBuffer.isView(v)) {
        let changed = false;
        const out: Record<string, unknown> = {};
        for (const [key, x] of Object.entries(v)) {
          const y = await walk(x);
          changed ||= y !== x;
          out[key] = y;
        }
        return changed ? out : v;
      }
      return v;
    };
    return { value: (await walk(value)) as T, datasets };
  }

  /**
   * The same for JSON text (a run's docJson). Known big strings are found as text (no
   * parse of 17 MB); only text that still holds a long string literal after that is
   * parsed, once, and written again.
   */
  async externalizeText(text: string): Promise<{ text: string; datasets: Map<string, string> }> {
    const datasets = new Map<string, string>();
    if (text.length < BIG_STRING_CHARS) return { text, datasets };
    let out = text;
    for (const k of this.known) {
      if (k.value.length > out.length) continue;
      k.escaped ??= JSON.stringify(k.value);
      if (out.includes(k.escaped)) {
        out = out.split(k.escaped).join(JSON.stringify(markerFor(k.hash)));
        datasets.set(k.hash, k.value);
      }
    }
    if (out.length >= BIG_STRING_CHARS && hasLongStringLiteral(out)) {
      const parsed: unknown = JSON.parse(out);
      const r = await this.externalize(parsed);
      for (const [h, v] of r.datasets) datasets.set(h, v);
      out = JSON.stringify(r.value, null, 2) + '\n';
    }
    return { text: out, datasets };
  }
}

/** Whether JSON text has a string literal of at least BIG_STRING_CHARS characters. */
function hasLongStringLiteral(text: string): boolean {
  let i = 0;
  while ((i = text.indexOf('"', i)) !== -1) {
    let j = i + 1;
    while (j < text.length) {
      const c = text.charCodeAt(j);
      if (c === 92 /* \ */) j += 2;
      else if (c === 34 /* " */) break;
      else j++;
    }
    if (j - i - 1 >= BIG_STRING_CHARS) return true;
    i = j + 1;
  }
  return false;
}
