// npm run graph -- expand IN.json OUT.json [--node ID]
// Edits a graph file headless. `expand` replaces each built-in estimator (or the one named by
// --node, at the top level) with the parts it is made of, wired to the same inputs
// (src/nodes/expand.ts), inside block definitions too: the loss and its gradients stay the
// same, and the parts can then be changed one by one.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseGraphText, serializeGraph } from '../graph/parse';
import { analyzeGraph } from '../compiler/analyze';
import { expandEstimator, expandEverywhere, type ShapesIn } from '../nodes/expand';
import { flattenBlocks } from '../graph/blocks/flatten';
import { scopeDefId } from '../graph/blocks/scope';
import type { GraphDoc } from '../graph/document';
import { CliError } from './args';

export const GRAPH_USAGE = 'usage: npm run graph -- expand <in.json> <out.json> [--node ID]';

function readGraph(file: string) {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(code === 'ENOENT' ? `${file}: no such graph file` : code === 'EISDIR' ? `${file}: is a folder, not a graph file` : `${file}: cannot read (${code ?? String(e)})`);
  }
  const r = parseGraphText(text, file);
  if (!r.ok) throw new CliError(r.errors.join(' '));
  for (const w of r.warnings) console.error(`warning: ${w}`);
  return r.doc;
}

/**
 * The analysis's output shapes by the ids of each level. The analysis sees the flattened
 * graph, where a node inside a block has a path of instance ids; a definition's node takes
 * the shapes of its first instance.
 */
function levelShapes(doc: GraphDoc): ShapesIn {
  const analysis = analyzeGraph(doc);
  const byLevel = new Map<string | undefined, Map<string, string>>();
  for (const [flatId, path] of flattenBlocks(doc).nodePath) {
    const defId = scopeDefId(doc, path.slice(0, -1));
    const ids = byLevel.get(defId) ?? new Map<string, string>();
    if (!ids.has(path[path.length - 1])) ids.set(path[path.length - 1], flatId);
    byLevel.set(defId, ids);
  }
  return (defId) => {
    const ids = byLevel.get(defId);
    return (id, port) => analysis.outputShapes.get(ids?.get(id) ?? id)?.[port];
  };
}

function expand(argv: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { node: { type: 'string' } } });
  } catch (e) {
    throw new CliError(`${(e as Error).message.split('\n')[0]}\n${GRAPH_USAGE}`);
  }
  const [inFile, outFile, ...extra] = parsed.positionals;
  if (!inFile || !outFile) throw new CliError(`expand needs the graph to read and the file to write.\n${GRAPH_USAGE}`);
  if (extra.length) throw new CliError(`expand takes two files; also given: ${extra.join(' ')}.\n${GRAPH_USAGE}`);
  if (path.resolve(inFile) === path.resolve(outFile)) throw new CliError(`${outFile}: write the expanded graph to another file than the one it is read from.`);

  const doc = readGraph(inFile);
  const shapesIn = levelShapes(doc);
  const r = parsed.values.node !== undefined ? expandEstimator(doc, parsed.values.node, shapesIn(undefined)) : expandEverywhere(doc, shapesIn);
  if (!r.ok) throw new CliError(`${inFile}: ${r.reasons.join(' ')}`);

  try {
    writeFileSync(outFile, serializeGraph(r.doc));
  } catch (e) {
    throw new CliError(`${outFile}: cannot write (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  for (const x of r.expanded) console.log(`expanded ${x.name}${x.inBlock ? ` in the block “${x.inBlock}”` : ''} into ${x.partIds.length} parts: ${x.partIds.join(', ')}`);
  for (const k of r.kept) console.log(k);
  if (r.expanded.length === 0 && r.kept.length === 0) console.log(`${inFile} has no built-in estimator: nothing to expand.`);
  console.log(`wrote ${outFile}`);
  return 0;
}

function main(argv: string[]): number {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h') return console.log(GRAPH_USAGE), command === undefined ? 1 : 0;
  if (command === 'expand') return expand(rest);
  throw new CliError(`${command}: unknown command; the commands are: expand.\n${GRAPH_USAGE}`);
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  // A person reads this: sentences, no stack trace (set LC_DEBUG=1 for one).
  if (process.env.LC_DEBUG) console.error(e);
  console.error(`error: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
}
