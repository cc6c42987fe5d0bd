// Instructor notes: markdown → HTML. Raw HTML in the notes is shown as text (html: false),
// links are limited to markdown-it's safe schemes (no javascript:, vbscript:, file:,
// data: other than images) and open in a new tab without access to this page, math is
// typeset by KaTeX with trust: false, and images load only when embedded as data: URIs
// (a shared file must not make the reader's browser contact a third party). The result
// is sanitised again in the browser (sanitize.ts) before it reaches the DOM.
//
// Notes come from files and links, so every render is bounded: markdown-it's `maxNesting`
// stops quotes and lists nested thousands deep (">>>>…", "- - - …") from becoming as many
// nested elements (markdown-it drops what lies deeper without a word, so the notes then
// end with a sentence saying part is not shown), each formula is bounded by renderTex,
// and one render typesets at most MAX_NOTES_FORMULAS formulas and MAX_NOTES_TEX_CHARS of
// TeX in all: a formula at renderTex's length limit takes up to a third of a second and
// a megabyte of HTML, and even a refused one costs milliseconds, so notes holding tens of
// them, or tens of thousands of small ones, would freeze the page.
import MarkdownIt from 'markdown-it';
import { mathPlugin, type MathEnv } from './mathPlugin';

/** markdown-it's nesting levels (a quote is one, a list two: the list and its item). */
export const MAX_NOTES_NESTING = 40;
export const MAX_NOTES_FORMULAS = 1000;
/** The lecture notes hold at most 600 characters of TeX each. */
export const MAX_NOTES_TEX_CHARS = 30_000;

const count = (v: number) => v.toLocaleString('en-US');
const BUDGET_SPENT = `The math from here on is shown as written, not typeset: notes may hold at most ${count(MAX_NOTES_FORMULAS)} formulas and ${count(MAX_NOTES_TEX_CHARS)} characters of math in all.`;

const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false, maxNesting: MAX_NOTES_NESTING });
md.use(mathPlugin);

interface NotesEnv extends MathEnv {
  /** Set when markdown-it skipped content nested past MAX_NOTES_NESTING. */
  nestingCut?: boolean;
}

// markdown-it skips the content of a block container (a quote, a list item) that opens at
// the nesting limit; its block tokenizer is where that happens (containers call it for
// their content), so wrapping it — with markdown-it's own test — tells us something was
// left out. Inline markup at the limit is kept, as plain text.
const blockTokenize = md.block.tokenize.bind(md.block);
md.block.tokenize = (state, startLine, endLine) => {
  const line = state.skipEmptyLines(startLine);
  if (state.level >= MAX_NOTES_NESTING && line < endLine && state.sCount[line] >= state.blkIndent) (state.env as NotesEnv).nestingCut = true;
  blockTokenize(state, startLine, endLine);
};

const NESTING_CUT_NOTE = `<p class="notes-cut" role="note">Part of these notes is not shown: its quotes or lists are nested inside each other too deeply to display.</p>\n`;

const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx].attrSet('target', '_blank');
  tokens[idx].attrSet('rel', 'noopener noreferrer');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

const defaultImage = md.renderer.rules.image!;
md.renderer.rules.image = (tokens, idx, options, env, self) => {
  const src = String(tokens[idx].attrGet('src') ?? '');
  if (/^data:image\/(png|gif|jpeg|webp);/i.test(src)) return defaultImage(tokens, idx, options, env, self);
  const alt = self.renderInlineAsText(tokens[idx].children ?? [], options, env);
  return `<span class="notes-image-blocked" title="Remote images are not loaded from notes">[image: ${md.utils.escapeHtml(alt)}]</span>`;
};

/** Markdown with $…$ math → HTML (still to be sanitised before it is put in the page). */
export function renderNotesMarkdown(source: string): string {
  const env: NotesEnv = { mathBudget: { formulasLeft: MAX_NOTES_FORMULAS, charsLeft: MAX_NOTES_TEX_CHARS, spent: BUDGET_SPENT } };
  const html = md.renderer.render(md.parse(source, env), md.options, env);
  return env.nestingCut ? html + NESTING_CUT_NOTE : html;
}
