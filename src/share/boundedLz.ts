// lz-string's decompressFromEncodedURIComponent, with a bound on what it produces. A link
// of a few hundred kB can unpack to gigabytes (LZ78 doubles what one code stands for as it
// goes), and lz-string has no limit: the tab runs out of memory before any check on the
// result can run. This is a port of lz-string 1.5.0's `_decompress` (same output for every
// input, tested against lz-string) that stops as soon as the output passes `maxChars`, or
// when it has run longer than `timeoutMs`.

const URI_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';
/** Character code → its 6-bit value; characters outside the alphabet read as 0, as in lz-string. */
const VALUE = new Uint8Array(128);
for (let i = 0; i < URI_SAFE.length; i++) VALUE[URI_SAFE.charCodeAt(i)] = i;

export interface DecompressBounds {
  maxChars: number;
  timeoutMs: number;
  /** The clock, for tests. */
  now?: () => number;
}

export type BoundedResult =
  /** `text` is what lz-string would return: null or '' for damaged input. */
  | { ok: true; text: string | null }
  | { ok: false; reason: 'too-large' | 'too-slow' };

/** Checking the clock on every code would cost more than the codes; every 4,096 is often enough. */
const CLOCK_EVERY = 4096;

export function decompressUriSafeBounded(raw: string, bounds: DecompressBounds): BoundedResult {
  if (raw === '') return { ok: true, text: null };
  const input = raw.replace(/ /g, '+');
  const length = input.length;
  const now = bounds.now ?? Date.now;
  const deadline = now() + bounds.timeoutMs;
  const resetValue = 32;
  const valueAt = (i: number) => {
    const c = input.charCodeAt(i);
    return c < 128 ? VALUE[c] : 0;
  };
  let val = valueAt(0);
  let position = resetValue;
  let index = 1;
  const readBits = (count: number): number => {
    let bits = 0;
    const maxpower = 2 ** count;
    for (let power = 1; power !== maxpower; power *= 2) {
      const resb = val & position;
      position >>= 1;
      if (position === 0) {
        position = resetValue;
        val = valueAt(index++);
      }
      if (resb > 0) bits += power;
    }
    return bits;
  };

  const dictionary: string[] = ['0', '1', '2'];
  let enlargeIn = 4;
  let dictSize = 4;
  let numBits = 3;
  // A first code of 3 leaves lz-string's first entry undefined, and it carries on with it
  // (joined as '', concatenated as "undefined"); the port does the same, to stay identical.
  let c: string | undefined;
  switch (readBits(2)) {
    case 0:
      c = String.fromCharCode(readBits(8));
      break;
    case 1:
      c = String.fromCharCode(readBits(16));
      break;
    case 2:
      return { ok: true, text: '' };
  }
  dictionary[3] = c as string;
  let w = c;
  const result: (string | undefined)[] = [c];
  let produced = c?.length ?? 0;
  for (let step = 1; ; step++) {
    if (index > length) return { ok: true, text: '' };
    if (step % CLOCK_EVERY === 0 && now() > deadline) return { ok: false, reason: 'too-slow' };
    let code = readBits(numBits);
    switch (code) {
      case 0:
        dictionary[dictSize++] = String.fromCharCode(readBits(8));
        code = dictSize - 1;
        enlargeIn--;
        break;
      case 1:
        dictionary[dictSize++] = String.fromCharCode(readBits(16));
        code = dictSize - 1;
        enlargeIn--;
        break;
      case 2:
        return { ok: true, text: result.join('') };
    }
    if (enlargeIn === 0) {
      enlargeIn = 2 ** numBits;
      numBits++;
    }
    let entry: string;
    // lz-string tests the entry for truthiness; entries 0–2 are placeholders it never reads.
    const known = code >= 3 ? dictionary[code] : undefined;
    if (known) entry = known;
    // Where lz-string would throw (w undefined), the input is damaged: null, as for any other.
    else if (code === dictSize && w !== undefined) entry = w + w.charAt(0);
    else return { ok: true, text: null };
    produced += entry.length;
    if (produced > bounds.maxChars) return { ok: false, reason: 'too-large' };
    result.push(entry);
    dictionary[dictSize++] = `${w}${entry.charAt(0)}`;
    enlargeIn--;
    w = entry;
    if (enlargeIn === 0) {
      enlargeIn = 2 ** numBits;
      numBits++;
    }
  }
}
