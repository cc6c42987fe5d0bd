// Instructor notes: markdown → HTML. Raw HTML in the notes is shown as text (html: false),
// links are limited to markdown-it's safe schemes (no javascript:, vbscript:, file:,
// data: other than images) and open in a new tab without access to this page, math is
// typeset by KaTeX with trust: false, and images load only when embedded as data: URIs
// (a shared file must not make the reader's browser contact a third party). The result
// is sanitised again in the browser (sanitize.ts) before it reaches the DOM.
import MarkdownIt from 'markdown-it';
import { mathPlugin } from './mathPlugin';

const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });
md.use(mathPlugin);

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
  return md.render(source);
}
