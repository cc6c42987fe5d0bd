// Text → GraphDoc, or a list of sentences a person can act on. Never throws: whatever a
// file holds, the caller gets a verdict and keeps the graph it had if the file fails.
//
// The pipeline, each stage only ever seeing what the one before let through:
//   size and nesting of the text → JSON.parse → is it a graph (format) → which version →
//   sanitize (hostile keys, depth, NaN/Infinity, non-JSON values; a fresh copy) →
//   migrations up to GRAPH_VERSION → layout repair → schema of the current version →
//   kinds, params and edges (with repairs) → params with their defaults filled in.
// Nothing from a file is ever evaluated as code: it is JSON data checked against schemas.
import { GRAPH_FORMAT, GRAPH_SOURCE, GRAPH_VERSION, graphDocSchema, type GraphDoc } from './document';
import { LIMITS, fileTooLargeText, formatLimit } from './limits';
import { Problems, addZodIssues, quote } from './problems';
import { sanitizeJson } from './sanitize';
import { readBoundedJson } from './boundedJson';
import { migrate, readVersion, type JsonObject } from './migrations';
import { isLayoutNumber, noteUnknownFields, repairLayout, repairReferences } from './repair';
import { getSpec } from '../nodes/registry';
import { blockProblems } from './blocks/validate';

export type ParseResult = { ok: true; doc: GraphDoc; warnings: string[] } | { ok: false; errors: string[] };

/** Stated limit; a graph file is text describing nodes, not a dataset dump. */
export const MAX_FILE_CHARS = LIMITS.fileChars;

/**
 * Words that begin the one message a caller sees if a bug in this module ever threw: the
 * file is refused like any other bad file. The fuzz tests check it never appears.
 */
export const INTERNAL_ERROR = 'could not be read because of an internal error';

/**
 * V8's JSON.parse messages carry no position, so a strict JSON scan (jsonc-parser, with
 * comments and trailing commas disallowed) finds the line and column a person needs. The
 * scan is recursive; scanDepth has already refused text nested deeper than LIMITS.depth.
 */
function guarded(fileName: string, read: () => ParseResult): ParseResult {
  try {
    return read();
  } catch (e) {
    // Defence in depth only: every input is meant to end in a verdict above, never here.
    const why = e instanceof Error ? e.message : String(e);
    return { ok: false, errors: [`${fileName} ${INTERNAL_ERROR} (${why.slice(0, 200)}). Please report it with the file.`] };
  }
}

export function parseGraphText(text: string, fileName = 'the file'): ParseResult {
  return guarded(fileName, () => {
    const read = readBoundedJson(text, fileName, { maxChars: LIMITS.fileChars, tooLarge: fileTooLargeText, depth: LIMITS.depth, depthText: formatLimit('depth'), what: 'a graph file' });
    return read.ok ? parseValue(read.value, fileName) : read;
  });
}

/**
 * A value that should be a graph document (from JSON.parse, the store, a message) → the
 * same verdict as parseGraphText. The value itself is never modified or kept.
 */
export function parseGraphValue(raw: unknown, fileName = 'the file'): ParseResult {
  return guarded(fileName, () => parseValue(raw, fileName));
}

function parseValue(raw: unknown, fileName: string): ParseResult {
  const refuse = (problems: Problems): ParseResult => ({ ok: false, errors: problems.list((e) => `${fileName}: ${e}`) });
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, errors: [`${fileName} does not hold a graph (expected a JSON object with "format": "${GRAPH_FORMAT}").`] };
  }
  const header = raw as Record<string, unknown>;
  const format = Object.prototype.hasOwnProperty.call(header, 'format') ? header.format : undefined;
  if (format !== GRAPH_FORMAT) {
    const shown = typeof format === 'string' ? quote(format) : format === undefined ? 'missing' : 'not text';
    return { ok: false, errors: [`${fileName} is not a Latent Canvas graph (its "format" is ${shown}, expected "${GRAPH_FORMAT}").`] };
  }
  const version = readVersion(header, fileName);
  if (!version.ok) return { ok: false, errors: [version.error] };

  const warnings = new Problems();
  version.warnings.forEach((w) => warnings.add(w));
  const errors = new Problems();
  const clean = sanitizeJson(raw, errors, { keepNonFinite: isLayoutNumber }) as JsonObject;
  if (errors.count) return refuse(errors);

  const { doc: current, applied } = migrate({ ...clean, version: version.version }, version.version);
  if (applied.length) {
    warnings.add(`${fileName} was saved in format version ${version.version} and was upgraded to version ${GRAPH_VERSION} (${applied.map((m) => m.description).join('; ')}); saving writes version ${GRAPH_VERSION}.`);
  }
  const laidOut = repairLayout(current, warnings);
  noteUnknownFields(laidOut, warnings);

  const parsed = graphDocSchema.safeParse(laidOut, { reportInput: true });
  if (!parsed.success) {
    addZodIssues(errors, parsed.error);
    return refuse(errors);
  }
  const doc = repairReferences(parsed.data, errors, warnings);
  for (const p of blockProblems(doc)) errors.add(p);
  if (errors.count) return refuse(errors);
  return { ok: true, doc: withParsedParams(doc), warnings: warnings.list() };
}

/** Fills in defaults so that every later reader sees complete params. */
function withParsedParams(doc: GraphDoc): GraphDoc {
  const fill = (nodes: GraphDoc['nodes']) => nodes.map((n) => ({ ...n, params: getSpec(n.kind)!.params.parse(n.params) as Record<string, unknown> }));
  const out: GraphDoc = { ...doc, nodes: fill(doc.nodes) };
  if (doc.blocks) out.blocks = Object.fromEntries(Object.entries(doc.blocks).map(([id, def]) => [id, { ...def, nodes: fill(def.nodes) }]));
  return out;
}

/** The document as a file of the current version, written by this app. */
export function serializeGraph(doc: GraphDoc): string {
  const { format: _format, version: _version, source: _source, ...body } = doc;
  return JSON.stringify({ format: GRAPH_FORMAT, version: GRAPH_VERSION, source: GRAPH_SOURCE, ...body }, null, 2) + '\n';
}
