// A block as a file of its own (`.block.json`), to reuse it in another graph:
//   { "format": "latent-canvas.block", "version": 1, "source": "latent-canvas",
//     "block": BlockDef, "blocks": { …the definitions it uses, by id } }
// Reading one never throws: the text goes through the graph parser's guards (size, nesting,
// hostile keys, non-JSON values), a zod schema and the block checks, and every refusal is a
// sentence. Importing adds the definitions under fresh ids; the graph is otherwise untouched.
import { z } from 'zod';
import { blockDefSchema, blocksSchema, GRAPH_SOURCE, type BlockDef, type GraphDoc } from '../document';
import { LIMITS, fileTooLargeText, formatLimit } from '../limits';
import { Problems, addZodIssues, quote } from '../problems';
import { sanitizeJson, scanDepth } from '../sanitize';
import { getSpec } from '../../nodes/registry';
import { instanceParams } from '../../nodes/block/spec';
import { blockIdOf, isBlockNode } from './ports';
import { newBlockId } from './make';
import { blockProblems } from './validate';

export const BLOCK_FORMAT = 'latent-canvas.block';
export const BLOCK_FILE_VERSION = 1;

const blockFileSchema = z.object({
  format: z.literal(BLOCK_FORMAT),
  version: z.literal(BLOCK_FILE_VERSION, { error: `must be ${BLOCK_FILE_VERSION}, the only block file version so far` }),
  source: z.string().max(LIMITS.shortChars).optional(),
  block: blockDefSchema,
  blocks: blocksSchema.default({}),
});

export interface BlockFile {
  block: BlockDef;
  /** The definitions the block uses (nested blocks), by their ids in the file. */
  blocks: Record<string, BlockDef>;
}

const own = (o: object | undefined, k: string) => o !== undefined && Object.prototype.hasOwnProperty.call(o, k);

/** The definitions `def` uses, directly or not, from `blocks`. */
function usedDefs(blocks: Record<string, BlockDef>, def: BlockDef): Record<string, BlockDef> {
  const out: Record<string, BlockDef> = {};
  const visit = (d: BlockDef) => {
    for (const n of d.nodes) {
      const id = isBlockNode(n) ? blockIdOf(n) : undefined;
      if (id === undefined || own(out, id) || !own(blocks, id)) continue;
      out[id] = blocks[id];
      visit(blocks[id]);
    }
  };
  visit(def);
  return out;
}

/** The file text for the definition `defId` of the document (with the definitions it uses). */
export function serializeBlockFile(doc: Pick<GraphDoc, 'blocks'>, defId: string): string {
  const blocks = doc.blocks ?? {};
  if (!own(blocks, defId)) throw new Error(`The graph has no block ${quote(defId)}.`);
  const def = blocks[defId];
  const file = { format: BLOCK_FORMAT, version: BLOCK_FILE_VERSION, source: GRAPH_SOURCE, block: def, blocks: usedDefs(blocks, def) };
  return JSON.stringify(file, null, 2) + '\n';
}

/** A file name for the block: its title, made safe, with `.block.json`. */
export function blockFileName(def: Pick<BlockDef, 'title'>): string {
  const base = def.title.trim().replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'block';
  return `${base}.block.json`;
}

export type BlockFileResult = { ok: true; file: BlockFile } | { ok: false; errors: string[] };

export function parseBlockFile(text: string, fileName = 'the file'): BlockFileResult {
  try {
    return parseUnguarded(text, fileName);
  } catch (e) {
    return { ok: false, errors: [`${fileName} could not be read because of an internal error (${String(e instanceof Error ? e.message : e).slice(0, 200)}).`] };
  }
}

function parseUnguarded(text: string, fileName: string): BlockFileResult {
  if (typeof text !== 'string') return { ok: false, errors: [`${fileName} is not text.`] };
  if (text.length > LIMITS.fileChars) return { ok: false, errors: [fileTooLargeText(`${fileName} is`)] };
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (scanDepth(body, LIMITS.depth).offset !== undefined) return { ok: false, errors: [`${fileName} nests lists and objects deeper than ${formatLimit('depth')} levels, the limit for a file.`] };
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    return { ok: false, errors: [`${fileName} is not valid JSON, so it is not a block file.`] };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, errors: [`${fileName} does not hold a block (expected a JSON object with "format": "${BLOCK_FORMAT}").`] };
  const format = (raw as Record<string, unknown>).format;
  if (format !== BLOCK_FORMAT) {
    const hint = format === 'latent-canvas.graph' ? ' It is a whole graph: open it with Open instead.' : '';
    return { ok: false, errors: [`${fileName} is not a Latent Canvas block (its "format" is ${typeof format === 'string' ? quote(format) : 'missing'}, expected "${BLOCK_FORMAT}").${hint}`] };
  }
  const version = (raw as Record<string, unknown>).version;
  if (typeof version === 'number' && version > BLOCK_FILE_VERSION) return { ok: false, errors: [`${fileName} was saved by a newer Latent Canvas (block file version ${version}; this one reads version ${BLOCK_FILE_VERSION}). Update the app to import it.`] };
  const errors = new Problems();
  const clean = sanitizeJson(raw, errors);
  if (errors.count) return { ok: false, errors: errors.list((e) => `${fileName}: ${e}`) };
  const parsed = blockFileSchema.safeParse(clean);
  if (!parsed.success) {
    addZodIssues(errors, parsed.error);
    return { ok: false, errors: errors.list((e) => `${fileName}: ${e}`) };
  }
  // Params with their defaults, as the graph parser fills them.
  const fill = (d: BlockDef): BlockDef => ({ ...d, nodes: d.nodes.map((n) => { const p = getSpec(n.kind)?.params.safeParse(n.params); return p?.success ? { ...n, params: p.data as Record<string, unknown> } : n; }) });
  const blocks = Object.fromEntries(Object.entries(parsed.data.blocks).map(([k, d]) => [k, fill(d)]));
  const block = fill(parsed.data.block);
  // Checked as the graph would hold it: the block under an id of its own, beside the ones it uses.
  const topId = newBlockId({ blocks }, 'imported');
  const problems = blockProblems({ nodes: [], blocks: { ...blocks, [topId]: block } });
  if (problems.length) return { ok: false, errors: problems.slice(0, LIMITS.problemsListed).map((p) => `${fileName}: ${p}`) };
  return { ok: true, file: { block, blocks } };
}

/**
 * The document with the file's definitions added under fresh ids (instances inside them
 * renamed to match), and the id of the imported block. The caller checks the limits.
 */
export function withBlockImported(doc: GraphDoc, file: BlockFile): { doc: GraphDoc; defId: string } {
  let blocks: Record<string, BlockDef> = { ...(doc.blocks ?? {}) };
  const rename = new Map<string, string>();
  for (const id of Object.keys(file.blocks)) {
    const fresh = newBlockId({ blocks });
    rename.set(id, fresh);
    blocks[fresh] = file.blocks[id]; // placeholder, rewritten below
  }
  const rewrite = (d: BlockDef): BlockDef => ({
    ...d,
    nodes: d.nodes.map((n) => {
      const id = isBlockNode(n) ? blockIdOf(n) : undefined;
      return id !== undefined && rename.has(id) ? { ...n, params: { ...n.params, ...instanceParams(rename.get(id)!) } } : n;
    }),
  });
  for (const [old, fresh] of rename) blocks[fresh] = rewrite(file.blocks[old]);
  const defId = newBlockId({ blocks });
  blocks = { ...blocks, [defId]: rewrite(file.block) };
  return { doc: { ...doc, blocks }, defId };
}
