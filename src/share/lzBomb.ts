// Test helper: an lz-string link payload that unpacks to `minChars` or more copies of one
// character, written code by code. lz-string's own compressor cannot make it (compressing
// 30 MB of one character takes it minutes), yet the payload is tiny: each code stands for
// one character more than the last, so n codes unpack to about n²/2 characters.

const URI_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';

/** The payload (after "#share=") for at least `minChars` copies of `char` (code below 256). */
export function repeatedCharPayload(char: string, minChars: number): { payload: string; chars: number } {
  const bits: number[] = [];
  // Values are written least significant bit first, as lz-string's decoder reads them.
  const write = (value: number, count: number) => {
    for (let i = 0; i < count; i++) bits.push((value >> i) & 1);
  };
  write(0, 2); // an 8-bit literal follows
  write(char.charCodeAt(0), 8);
  // The decoder's state: codes so far, bits per code and when that grows.
  let dictSize = 4;
  let numBits = 3;
  let enlargeIn = 4;
  let chars = 1;
  let entry = 1;
  while (chars < minChars) {
    write(dictSize, numBits); // "the last entry plus its first character": one longer
    entry++;
    chars += entry;
    dictSize++;
    enlargeIn--;
    if (enlargeIn === 0) {
      enlargeIn = 2 ** numBits;
      numBits++;
    }
  }
  write(2, numBits); // end of stream
  let payload = '';
  for (let i = 0; i < bits.length; i += 6) {
    let v = 0;
    for (let k = 0; k < 6; k++) v = (v << 1) | (bits[i + k] ?? 0);
    payload += URI_SAFE[v];
  }
  return { payload, chars };
}
