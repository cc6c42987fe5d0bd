// Lays out every gallery graph (graphs/*.json) with the editor's own auto-layout and
// rewrites the node positions only: `npx tsx scripts/layout-graphs.ts [--check]`.
// The page measures its nodes; here their sizes are estimated from what a node shows (title,
// kind, formula, one row per port, the settings line), on the large side so the real nodes
// never touch. --check exits 1 when a file's positions differ from the layout.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseGraphText } from '../src/graph/parse';
import { portsOf } from '../src/graph/blocks/ports';
import { autoLayout, type Size } from '../src/editor/layout/autoLayout';
import { inThreadEngine } from '../src/editor/layout/inThreadEngine';
import type { GraphDoc } from '../src/graph/document';

const DIR = 'graphs';
const check = process.argv.includes('--check');

function estimatedSize(doc: GraphDoc, node: GraphDoc['nodes'][number]): Size {
  const ports = portsOf(doc.blocks, node);
  const rows = Math.max(ports.inputs.length, ports.outputs.length, 1);
  // header (title + kind line) 52, formula 44, ports 22 a row, settings line 30
  return { width: 250, height: 52 + 44 + rows * 22 + 30 };
}

let differs = 0;
for (const file of readdirSync(DIR).filter((f) => f.endsWith('.json')).sort()) {
  const path = join(DIR, file);
  const text = readFileSync(path, 'utf8');
  const raw = JSON.parse(text) as { nodes: { id: string; position: { x: number; y: number } }[] };
  if (JSON.stringify(raw, null, 2) + '\n' !== text) throw new Error(`${path} is not in the canonical 2-space JSON form; refusing to rewrite it.`);
  const parsed = parseGraphText(text, path);
  if (!parsed.ok) throw new Error(parsed.errors.join(' '));
  const doc = parsed.doc;
  const sizes = Object.fromEntries(doc.nodes.map((n) => [n.id, estimatedSize(doc, n)]));
  const placed = await autoLayout(inThreadEngine(), doc, sizes);
  let moved = 0;
  for (const n of raw.nodes) {
    const p = placed.get(n.id);
    if (!p) continue;
    if (p.x !== n.position.x || p.y !== n.position.y) moved++;
    n.position = { x: p.x, y: p.y };
  }
  if (moved) differs++;
  console.log(`${file}: ${moved} of ${raw.nodes.length} nodes ${check ? 'would move' : 'moved'}`);
  if (!check && moved) writeFileSync(path, JSON.stringify(raw, null, 2) + '\n');
}
if (check && differs) process.exit(1);
