// A tiny markdown-it plugin for math in notes: $…$ inline, $$…$$ inline-display, and
// $$ … $$ blocks (on one line or spanning lines). The TeX is typeset with KaTeX under
// the same safe options as every other formula (trust: false), never run. Follows
// pandoc's rule for inline math so prices like "$5 and $10" stay text: no space just
// inside the dollars, and no digit right after the closing one.
import type { MarkdownIt, StateBlock, StateInline } from 'markdown-it';
import { renderTex } from '../math/renderTex';
import { texRefusal } from '../math/texBounds';

const DOLLAR = 0x24;
/** The most lines a $$ … $$ block may span. */
export const MAX_BLOCK_LINES = 200;
const BACKSLASH = 0x5c;

function findClosing(src: string, from: number, marker: string): number {
  let pos = from;
  for (;;) {
    pos = src.indexOf(marker, pos);
    if (pos < 0) return -1;
    if (src.charCodeAt(pos - 1) !== BACKSLASH) return pos;
    pos += 1;
  }
}

function mathInline(state: StateInline, silent: boolean): boolean {
  const { src, pos: start } = state;
  if (src.charCodeAt(start) !== DOLLAR) return false;
  const display = src.charCodeAt(start + 1) === DOLLAR;
  const marker = display ? '$$' : '$';
  const close = findClosing(src, start + marker.length, marker);
  if (close < 0) return false;
  const content = src.slice(start + marker.length, close);
  if (!content.trim()) return false;
  if (!display) {
    if (/^\s|\s$/.test(content)) return false;
    const after = src.charCodeAt(close + 1);
    if (after >= 0x30 && after <= 0x39) return false;
  }
  if (!silent) {
    const token = state.push(display ? 'math_inline_display' : 'math_inline', 'math', 0);
    token.markup = marker;
    token.content = content;
  }
  state.pos = close + marker.length;
  return true;
}

function mathBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  const begin = state.bMarks[startLine] + state.tShift[startLine];
  const max = state.eMarks[startLine];
  if (state.sCount[startLine] - state.blkIndent >= 4) return false; // an indented code block
  if (state.src.slice(begin, begin + 2) !== '$$') return false;
  const first = state.src.slice(begin + 2, max).trim();
  let content: string | undefined;
  let last = startLine;
  if (first.length >= 2 && first.endsWith('$$')) {
    content = first.slice(0, -2);
  } else {
    // The closing $$ is looked for within MAX_BLOCK_LINES lines and before a blank line (TeX
    // refuses a blank line in display math too): unbounded, every line of a long paragraph
    // of "$$x" lines would scan to the end of the document, quadratic in its length.
    const scanEnd = Math.min(endLine, startLine + 1 + MAX_BLOCK_LINES);
    for (let line = startLine + 1; line < scanEnd; line++) {
      if (state.isEmpty(line)) break;
      const b = state.bMarks[line] + state.tShift[line];
      const text = state.src.slice(b, state.eMarks[line]).trim();
      if (text.endsWith('$$')) {
        const middle = state.getLines(startLine + 1, line, state.tShift[startLine], false);
        content = [first, middle, text.slice(0, -2)].filter((s) => s.trim()).join('\n');
        last = line;
        break;
      }
    }
  }
  if (content === undefined || !content.trim()) return false;
  if (silent) return true;
  const token = state.push('math_block', 'math', 0);
  token.block = true;
  token.content = content;
  token.markup = '$$';
  token.map = [startLine, last + 1];
  state.line = last + 1;
  return true;
}

/** What one render of the notes may still typeset (see markdown.ts); absent: no budget. */
export interface MathBudget {
  formulasLeft: number;
  charsLeft: number;
  /** The sentence shown once, in place of the first formula past the budget. */
  spent: string;
  /** Whether that sentence has been shown. */
  said?: boolean;
}

export interface MathEnv {
  mathBudget?: MathBudget;
  // markdown-it's env is an open record other rules may write to.
  [key: PropertyKey]: unknown;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function typeset(env: MathEnv | undefined, tex: string, display: boolean): string {
  const budget = env?.mathBudget;
  // TeX that renderTex refuses outright (too long, too deep) costs no typesetting: it gets
  // its own sentence and spends nothing from the budget.
  if (budget && !texRefusal(tex)) {
    if (budget.formulasLeft <= 0 || budget.charsLeft < tex.length) {
      // Past the budget the TeX is shown as it was written, after one sentence saying why.
      const source = `<span class="tex-source">${escapeHtml(display ? `$$${tex}$$` : `$${tex}$`)}</span>`;
      if (budget.said) return source;
      budget.said = true;
      return `<span class="tex-refused" role="note">${escapeHtml(budget.spent)}</span> ${source}`;
    }
    budget.formulasLeft--;
    budget.charsLeft -= tex.length;
  }
  return renderTex(tex, display);
}

export function mathPlugin(md: MarkdownIt): void {
  md.inline.ruler.after('escape', 'math_inline', mathInline);
  md.block.ruler.before('fence', 'math_block', mathBlock, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
  md.renderer.rules.math_inline = (tokens, idx, _o, env?: MathEnv) => typeset(env, tokens[idx].content, false);
  md.renderer.rules.math_inline_display = (tokens, idx, _o, env?: MathEnv) => typeset(env, tokens[idx].content, true);
  md.renderer.rules.math_block = (tokens, idx, _o, env?: MathEnv) => `<div class="notes-math">${typeset(env, tokens[idx].content, true)}</div>\n`;
}
