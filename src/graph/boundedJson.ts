// Reading a JSON file within stated limits, shared by the graph and course parsers: its
// length, a byte-order mark, its nesting (scanned before JSON.parse recurses), and a syntax
// error with its line and column (V8's messages have none).
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { scanDepth } from './sanitize';

export interface JsonBounds {
  maxChars: number;
  /** The sentence for text over maxChars, given its subject ("x.json is"). */
  tooLarge(subject: string): string;
  depth: number;
  /** The depth limit as the sentence writes it ("64"). */
  depthText: string;
  /** "a graph file", "a course file". */
  what: string;
}

export type BoundedJson = { ok: true; value: unknown } | { ok: false; errors: string[] };

export function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  return `line ${before.split('\n').length}, column ${offset - before.lastIndexOf('\n')}`;
}

function jsonErrorMessage(text: string, e: unknown): string {
  const errors: ParseError[] = [];
  parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (!first) return `is not valid JSON: ${e instanceof Error ? e.message : String(e)}`;
  return `is not valid JSON (${lineColumn(text, first.offset)}): ${printParseErrorCode(first.error).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}`;
}

export function readBoundedJson(text: unknown, fileName: string, bounds: JsonBounds): BoundedJson {
  if (typeof text !== 'string') return { ok: false, errors: [`${fileName} is not text.`] };
  if (text.length > bounds.maxChars) return { ok: false, errors: [bounds.tooLarge(`${fileName} is`)] };
  // A byte-order mark (as some Windows editors write) is not part of the JSON.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const nesting = scanDepth(body, bounds.depth);
  if (nesting.offset !== undefined) {
    return { ok: false, errors: [`${fileName} nests lists and objects deeper than ${bounds.depthText} levels (${lineColumn(body, nesting.offset)}), the limit for ${bounds.what}.`] };
  }
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (e) {
    return { ok: false, errors: [`${fileName} ${jsonErrorMessage(body, e)}`] };
  }
}
