// TeX → HTML with KaTeX, the one place the app renders math. `trust: false` refuses every
// command that could link, load or run anything (\href, \url, \includegraphics, \html…),
// so TeX from a file is only ever typeset, never evaluated as code. Errors render in red
// in place of the formula instead of throwing.
import katex, { type KatexOptions } from 'katex';

export const SAFE_KATEX_OPTIONS = {
  throwOnError: false,
  trust: false,
  strict: 'ignore',
  output: 'htmlAndMathml',
} as const satisfies KatexOptions;

const MAX_CACHED = 400;
const cache = new Map<string, string>();

/** Memoised: the same formula is typeset once however many nodes or renders show it. */
export function renderTex(tex: string, displayMode = false): string {
  const key = `${displayMode ? 'D' : 'I'}${tex}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const html = katex.renderToString(tex, { ...SAFE_KATEX_OPTIONS, displayMode });
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
  cache.set(key, html);
  return html;
}
