// What TeX is too big or too deep to hand to KaTeX. KaTeX parses and lays out recursively,
// so TeX nested a few thousand levels deep overflows the stack (a RangeError KaTeX does not
// catch, even with throwOnError: false), and its time grows faster than linearly with
// length (400,000 characters took over a minute). Checked before rendering; what still
// gets through (depth built by macros, say) is caught by renderTex.

/** The most characters one formula may have: about half a second of typesetting at worst. */
export const MAX_TEX_CHARS = 10_000;
/** The deepest nesting of groups, \left…\right and environments one formula may have. */
export const MAX_TEX_NESTING = 100;

const OPENERS = new Set(['bgroup', 'begingroup', 'left', 'begin']);
const CLOSERS = new Set(['egroup', 'endgroup', 'right', 'end']);

const isLetter = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);

/**
 * The deepest nesting in the TeX: braces (not \{ \}), \bgroup/\begingroup, \left…\right and
 * \begin…\end, skipping % comments. One linear scan; unbalanced input simply counts as far
 * as it goes (KaTeX reports the imbalance itself).
 */
export function texNesting(tex: string): number {
  let depth = 0;
  let max = 0;
  const n = tex.length;
  for (let i = 0; i < n; i++) {
    const c = tex.charCodeAt(i);
    if (c === 0x5c /* \ */) {
      let k = i + 1;
      while (k < n && isLetter(tex.charCodeAt(k))) k++;
      if (k === i + 1) {
        i = k; // a control symbol (\{, \}, \\, \%): never a group
        continue;
      }
      const name = tex.slice(i + 1, k);
      if (OPENERS.has(name)) max = Math.max(max, ++depth);
      else if (CLOSERS.has(name)) depth = Math.max(0, depth - 1);
      i = k - 1;
    } else if (c === 0x7b /* { */) {
      max = Math.max(max, ++depth);
    } else if (c === 0x7d /* } */) {
      depth = Math.max(0, depth - 1);
    } else if (c === 0x25 /* % */) {
      const nl = tex.indexOf('\n', i);
      i = nl < 0 ? n : nl;
    }
  }
  return max;
}

const count = (v: number) => v.toLocaleString('en-US');

/** Why this TeX is not typeset, as a sentence; undefined when it may be. */
export function texRefusal(tex: string): string | undefined {
  // Depth first: it is the more telling reason, and one linear scan even on long input.
  const depth = texNesting(tex);
  if (depth > MAX_TEX_NESTING) return `This formula nests ${count(depth)} levels deep; formulas may nest at most ${count(MAX_TEX_NESTING)}.`;
  if (tex.length > MAX_TEX_CHARS) return `This formula is ${count(tex.length)} characters long; formulas may have at most ${count(MAX_TEX_CHARS)}.`;
  return undefined;
}
