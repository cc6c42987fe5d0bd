// The text Save writes, checked first against what Open accepts: a file this app saves
// always opens again. A file over the size limit (say, a graph with a large CSV and its
// trained weights) is not written; the caller says why and offers what can be saved.
import type { GraphDoc } from '../../graph/document';
import { LIMITS, fileTooLargeText } from '../../graph/limits';
import { parseGraphText, serializeGraph } from '../../graph/parse';

export type SavedFile = { ok: true; text: string } | { ok: false; reason: string };

/** `what` names the file in the reason: "The graph with its trained weights". */
export function savedFileText(doc: GraphDoc, what: string): SavedFile {
  const text = serializeGraph(doc);
  if (text.length > LIMITS.fileChars) return { ok: false, reason: fileTooLargeText(`${what} would be`, text.length) };
  // The size is the usual reason; the parser itself has the last word on everything else.
  const reopened = parseGraphText(text, what);
  if (!reopened.ok) return { ok: false, reason: `${what} would not open again: ${reopened.errors[0]}` };
  return { ok: true, text };
}
