// TeX → HTML with KaTeX, the one place the app renders math. `trust: false` refuses every
// command that could link, load or run anything (\href, \url, \includegraphics, \html…),
// so TeX from a file is only ever typeset, never evaluated as code. Every render is
// bounded, because a formula must never take the page down: `maxExpand` stops macros that
// expand forever (\def\a{\a}\a), `maxSize` caps \rule, \kern and every other size a formula
// states, texRefusal turns away TeX too long or too deeply nested to typeset, and whatever
// KaTeX still throws (it lets a stack overflow through even with throwOnError: false) is
// caught. In each case a sentence stands in place of the formula; KaTeX's own syntax
// errors render in red in place as before.
import katex, { type KatexOptions } from 'katex';
import { MAX_TEX_CHARS, texRefusal } from './texBounds';

export const SAFE_KATEX_OPTIONS = {
  throwOnError: false,
  trust: false,
  strict: 'ignore',
  output: 'htmlAndMathml',
  /** Macro expansions per formula (KaTeX's default, stated so it cannot silently change). */
  maxExpand: 1000,
  /** The largest size, in em, a formula may ask for: about a page wide. */
  maxSize: 50,
} as const satisfies KatexOptions;

const MAX_CACHED = 400;
const cache = new Map<string, string>();

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The sentence shown in place of a formula that is not typeset. */
function refusedHtml(sentence: string): string {
  return `<span class="tex-refused" role="note">${escapeHtml(sentence)}</span>`;
}

function describeFailure(e: unknown): string {
  const message = (e instanceof Error ? e.message : String(e)).replace(/[.\s]+$/, '').slice(0, 300);
  if (e instanceof RangeError) return `This formula could not be typeset: it is too complex for the browser (${message}).`;
  return `This formula could not be typeset: ${message}.`;
}

function typeset(tex: string, displayMode: boolean): string {
  const refusal = texRefusal(tex);
  if (refusal) return refusedHtml(refusal);
  try {
    return katex.renderToString(tex, { ...SAFE_KATEX_OPTIONS, displayMode });
  } catch (e) {
    return refusedHtml(describeFailure(e));
  }
}

/**
 * HTML for the formula, or a sentence saying why it is not shown; never throws. Memoised:
 * the same formula is typeset once however many nodes or renders show it.
 */
export function renderTex(tex: string, displayMode = false): string {
  const key = `${displayMode ? 'D' : 'I'}${tex}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const html = typeset(tex, displayMode);
  // Refused-for-length TeX is refused again cheaply; keeping it would hold huge keys.
  if (tex.length > MAX_TEX_CHARS) return html;
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
  cache.set(key, html);
  return html;
}
