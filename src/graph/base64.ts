// Standard base64 (RFC 4648, with padding) over bytes, with no Buffer and no atob/btoa:
// the same code runs in the browser, the worker and Node, and decodes hundreds of MB
// without building an intermediate "binary string".

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const CODES = new Uint8Array(128).fill(255);
for (let i = 0; i < ALPHABET.length; i++) CODES[ALPHABET.charCodeAt(i)] = i;
const PAD = 61; // '='

/** Why a string is not base64, or undefined when it is well formed. Does not decode. */
export function base64Problem(s: string): string | undefined {
  if (s.length % 4 !== 0) return `is not valid base64: its length (${s.length}) is not a multiple of 4`;
  const n = s.length;
  const pad = n > 0 && s.charCodeAt(n - 1) === PAD ? (s.charCodeAt(n - 2) === PAD ? 2 : 1) : 0;
  for (let i = 0; i < n - pad; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || CODES[c] === 255) return `is not valid base64: character ${i + 1} (${JSON.stringify(s[i])}) is not in the base64 alphabet`;
  }
  return undefined;
}

/** Bytes a well-formed base64 string decodes to, computed from its length alone. */
export function base64ByteLength(s: string): number {
  const n = s.length;
  if (n === 0) return 0;
  const pad = s.charCodeAt(n - 1) === PAD ? (s.charCodeAt(n - 2) === PAD ? 2 : 1) : 0;
  return (n / 4) * 3 - pad;
}

export function bytesToBase64(bytes: Uint8Array): string {
  const out = new Uint8Array(Math.ceil(bytes.length / 3) * 4);
  let o = 0;
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out[o++] = ALPHABET.charCodeAt(v >>> 18);
    out[o++] = ALPHABET.charCodeAt((v >>> 12) & 63);
    out[o++] = ALPHABET.charCodeAt((v >>> 6) & 63);
    out[o++] = ALPHABET.charCodeAt(v & 63);
  }
  const rest = bytes.length - i;
  if (rest > 0) {
    const v = (bytes[i] << 16) | (rest === 2 ? bytes[i + 1] << 8 : 0);
    out[o++] = ALPHABET.charCodeAt(v >>> 18);
    out[o++] = ALPHABET.charCodeAt((v >>> 12) & 63);
    out[o++] = rest === 2 ? ALPHABET.charCodeAt((v >>> 6) & 63) : PAD;
    out[o++] = PAD;
  }
  // Chunked so that String.fromCharCode never receives more arguments than the stack allows.
  const parts: string[] = [];
  for (let k = 0; k < out.length; k += 0x8000) parts.push(String.fromCharCode.apply(null, out.subarray(k, k + 0x8000) as unknown as number[]));
  return parts.join('');
}

/** Decodes standard padded base64; throws an Error naming the problem if it is malformed. */
export function base64ToBytes(s: string): Uint8Array {
  const problem = base64Problem(s);
  if (problem) throw new Error(`The data ${problem}.`);
  const bytes = new Uint8Array(base64ByteLength(s));
  let o = 0;
  for (let i = 0; i < s.length; i += 4) {
    const a = CODES[s.charCodeAt(i)];
    const b = CODES[s.charCodeAt(i + 1)];
    const c = s.charCodeAt(i + 2) === PAD ? 0 : CODES[s.charCodeAt(i + 2)];
    const d = s.charCodeAt(i + 3) === PAD ? 0 : CODES[s.charCodeAt(i + 3)];
    const v = (a << 18) | (b << 12) | (c << 6) | d;
    if (o < bytes.length) bytes[o++] = v >>> 16;
    if (o < bytes.length) bytes[o++] = (v >>> 8) & 255;
    if (o < bytes.length) bytes[o++] = v & 255;
  }
  return bytes;
}
