// Deterministic seeds: same graph + same seed ⇒ same numbers on the same backend.

/** 32-bit FNV-1a of a string mixed with a number; small, fast, and stable across hosts. */
export function mixSeed(seed: number, salt: string | number): number {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  const s = String(salt);
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  // tfjs seeds are used as float seeds for its own generator; keep them positive and exact.
  return (h >>> 0) % 2147483647;
}
