// Task instructions and hints are markdown with math, rendered and sanitised as the
// instructor notes are (src/editor/notes): never run as code.
import { renderNotesMarkdown } from '../notes/markdown';
import { sanitizeNotesHtml } from '../notes/sanitize';

export function taskMarkdownHtml(source: string | undefined): string {
  if (!source || !source.trim()) return '';
  try {
    return sanitizeNotesHtml(renderNotesMarkdown(source));
  } catch {
    return '';
  }
}
