import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseGraphText, serializeGraph } from '../parse';
import type { GraphDoc, GraphEdge, GraphNode } from '../document';
import { documentProblems } from '../docLimits';
import { analyzeGraph } from '../../compiler/analyze';
import { makeBlock } from './make';
import { flattenBlocks } from './flatten';
import { ungroupBlock } from './ungroup';
import { blockProblems } from './validate';
import { editInScope, resolvePath, scopeDefId } from './scope';
import { portsOf } from './ports';
import { parseBlockFile, serializeBlockFile, withBlockImported } from './blockFile';
import { LIMITS } from '../limits';

function open(name: string): GraphDoc {
  const r = parseGraphText(readFileSync(`graphs/${name}`, 'utf8'), name);
  if (!r.ok) throw new Error(r.errors.join(' '));
  return r.doc;
}

const ENCODER = ['enc', 'encMean', 'encLogvar', 'q'];

function made(doc: GraphDoc, ids: string[], title?: string) {
  const r = makeBlock(doc, ids, { title });
  if (!r.ok) throw new Error(r.reason);
  return r;
}

/** Nodes and edges with every id mapped back by `rename`, sorted: a graph "modulo ids". */
function normal(nodes: readonly GraphNode[], edges: readonly GraphEdge[], rename: (id: string) => string = (id) => id) {
  return {
    nodes: nodes.map((n) => ({ id: rename(n.id), kind: n.kind, label: n.label, params: n.params })).sort((a, b) => a.id.localeCompare(b.id)),
    edges: edges.map((e) => `${rename(e.source)}.${e.sourcePort}>${rename(e.target)}.${e.targetPort}`).sort(),
  };
}

const lastPart = (id: string) => id.slice(id.lastIndexOf('.') + 1);

describe('make block', () => {
  const vae = open('vae.json');

  it('puts the selection in a definition and exposes every crossing edge as a port named after its inner port', () => {
    const r = made(vae, ENCODER, 'Encoder');
    const def = r.doc.blocks![r.defId];
    expect(def.title).toBe('Encoder');
    expect(def.nodes.map((n) => n.id)).toEqual(ENCODER);
    expect(def.nodes.map((n) => n.position)).toEqual(vae.nodes.filter((n) => ENCODER.includes(n.id)).map((n) => n.position));
    expect(def.edges.map((e) => e.id).sort()).toEqual(['e-enc-out-encLogvar-in', 'e-enc-out-encMean-in', 'e-encLogvar-out-q-logvar', 'e-encMean-out-q-mean'].sort());
    expect(def.inputs).toEqual([{ name: 'in', label: 'x', kind: 'tensor', node: 'enc', port: 'in' }].map((p) => ({ ...p, label: def.inputs[0].label })));
    expect(def.outputs).toHaveLength(1); // q.dist feeds two nodes outside: one port
    expect(def.outputs[0]).toMatchObject({ name: 'dist', kind: 'dist', node: 'q', port: 'dist' });
    const inst = r.doc.nodes.find((n) => n.id === r.instanceId)!;
    expect(portsOf(r.doc.blocks, inst).inputs.map((p) => p.name)).toEqual(['in']);
    expect(r.doc.nodes).toHaveLength(vae.nodes.length - ENCODER.length + 1);
    expect(documentProblems(r.doc)).toEqual([]);
    expect(blockProblems(r.doc)).toEqual([]);
  });

  it('refuses an empty selection with a sentence', () => {
    const r = makeBlock(vae, []);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/Select the nodes/);
  });

  it('flattens to exactly the original graph, modulo ids', () => {
    const r = made(vae, ENCODER);
    const flat = flattenBlocks(r.doc);
    expect(flat.doc.blocks).toBeUndefined();
    expect(normal(flat.doc.nodes, flat.doc.edges, lastPart)).toEqual(normal(vae.nodes, vae.edges));
    expect(flat.doc.nodes.every((n) => n.id.length <= LIMITS.idChars)).toBe(true);
    expect(flat.owner.get(`${r.instanceId}.enc`)).toBe(r.instanceId);
    expect(flat.nodePath.get(`${r.instanceId}.q`)).toEqual([r.instanceId, 'q']);
    expect(analyzeGraph(r.doc).errors).toEqual([]);
  });

  it('ungroups back to the original graph, ids included', () => {
    const r = made(vae, ENCODER);
    const u = ungroupBlock(r.doc, r.instanceId);
    if (!u.ok) throw new Error(u.reason);
    expect(normal(u.doc.nodes, u.doc.edges)).toEqual(normal(vae.nodes, vae.edges));
    expect(new Set(u.doc.edges.map((e) => e.id))).toEqual(new Set(vae.edges.map((e) => e.id)));
  });

  it('nests: a block inside a block flattens to the original and the path resolves', () => {
    const inner = made(vae, ['encMean', 'encLogvar'], 'Heads');
    const outer = made(inner.doc, ['enc', inner.instanceId, 'q'], 'Encoder');
    expect(blockProblems(outer.doc)).toEqual([]);
    const flat = flattenBlocks(outer.doc);
    expect(normal(flat.doc.nodes, flat.doc.edges, lastPart)).toEqual(normal(vae.nodes, vae.edges));
    expect(flat.owner.get(`${outer.instanceId}.${inner.instanceId}.encMean`)).toBe(outer.instanceId);
    expect(resolvePath(outer.doc, [outer.instanceId, inner.instanceId]).map((l) => l.title)).toEqual(['Encoder', 'Heads']);
    expect(analyzeGraph(outer.doc).errors).toEqual([]);
  });

  it('survives save → open with its inner wiring, and flattens the same after', () => {
    const inner = made(vae, ['encMean', 'encLogvar'], 'Heads');
    const outer = made(inner.doc, ['enc', inner.instanceId, 'q'], 'Encoder');
    const text = serializeGraph(outer.doc);
    const again = parseGraphText(text, 'saved.json');
    if (!again.ok) throw new Error(again.errors.join(' '));
    expect(again.warnings).toEqual([]);
    expect(again.doc).toEqual(outer.doc);
    expect(flattenBlocks(again.doc).doc.edges).toEqual(flattenBlocks(outer.doc).doc.edges);
  });

  it('edits inside a definition change every instance', () => {
    const r = made(vae, ['dec'], 'Decoder');
    const defId = scopeDefId(r.doc, [r.instanceId]);
    expect(defId).toBe(r.defId);
    const edited = editInScope(r.doc, defId, (d) => ({ ...d, nodes: d.nodes.map((n) => (n.id === 'dec' ? { ...n, params: { ...n.params, hidden: [300] } } : n)) }));
    expect(edited.nodes).toBe(r.doc.nodes);
    expect(edited.blocks![r.defId].nodes[0].params.hidden).toEqual([300]);
    const flat = flattenBlocks(edited);
    expect(flat.doc.nodes.find((n) => n.id === `${r.instanceId}.dec`)!.params.hidden).toEqual([300]);
  });

  it('drops a boundary port (and the outer edge to it) when its inner node is deleted', () => {
    const r = made(vae, ENCODER);
    const edited = editInScope(r.doc, r.defId, (d) => ({ ...d, nodes: d.nodes.filter((n) => n.id !== 'enc'), edges: d.edges.filter((e) => e.source !== 'enc') }));
    expect(edited.blocks![r.defId].inputs).toEqual([]);
    expect(edited.edges.some((e) => e.target === r.instanceId)).toBe(false);
    expect(documentProblems(edited)).toEqual([]);
  });
});

describe('block checks', () => {
  const vae = open('vae.json');

  it('refuses a block that contains itself, with a sentence, in the parser and before an edit', () => {
    const r = made(vae, ['dec'], 'Decoder');
    const def = r.doc.blocks![r.defId];
    const selfish: GraphDoc = { ...r.doc, blocks: { [r.defId]: { ...def, nodes: [...def.nodes, { id: 'again', kind: 'block', params: { block: r.defId }, position: { x: 0, y: 0 } }] } } };
    expect(blockProblems(selfish).join(' ')).toMatch(/contains itself/);
    expect(documentProblems(selfish).join(' ')).toMatch(/contains itself/);
    const parsed = parseGraphText(serializeGraph(selfish), 'loop.json');
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.errors.join(' ')).toMatch(/contains itself/);
    // Flattening does not loop either: the instance is left unexpanded, and the analysis says so.
    expect(flattenBlocks(selfish).problems.join(' ')).toMatch(/contains itself/);
  });

  it('refuses an instance of a missing definition and a boundary port of the wrong kind', () => {
    const r = made(vae, ENCODER);
    const missing = { ...r.doc, blocks: {} };
    expect(documentProblems(missing).join(' ')).toMatch(/does not have/);
    const def = r.doc.blocks![r.defId];
    const wrong = { ...r.doc, blocks: { [r.defId]: { ...def, inputs: [{ ...def.inputs[0], kind: 'dist' }] } } };
    expect(parseGraphText(serializeGraph(wrong), 'w.json').ok).toBe(false);
  });

  it('counts inner nodes toward the node limit, and the flattened graph too', () => {
    const r = made(vae, ['dec']);
    const def = r.doc.blocks![r.defId];
    const many = Array.from({ length: 3 }, (_, i) => ({ id: `b${i}`, kind: 'block', params: { block: r.defId }, position: { x: 0, y: 0 } }));
    const wide = { ...def, nodes: Array.from({ length: 900 }, (_, i) => ({ ...def.nodes[0], id: `d${i}` })), edges: [], inputs: [], outputs: [] };
    const big: GraphDoc = { ...r.doc, nodes: [...r.doc.nodes, ...many], blocks: { [r.defId]: wide } };
    expect(documentProblems(big).join(' ')).toMatch(/more than 2,000 nodes/);
  });
});

describe('block files', () => {
  const vae = open('vae.json');

  it('exports a block with the blocks it uses and imports it into another graph as a new definition', () => {
    const inner = made(vae, ['encMean', 'encLogvar'], 'Heads');
    const outer = made(inner.doc, ['enc', inner.instanceId, 'q'], 'Encoder');
    const text = serializeBlockFile(outer.doc, outer.defId);
    expect(JSON.parse(text).format).toBe('latent-canvas.block');
    const read = parseBlockFile(text, 'enc.block.json');
    if (!read.ok) throw new Error(read.errors.join(' '));
    const target = open('ppca.json');
    const imported = withBlockImported(target, read.file);
    expect(Object.keys(imported.doc.blocks!)).toHaveLength(2);
    expect(imported.doc.blocks![imported.defId].title).toBe('Encoder');
    expect(blockProblems(imported.doc)).toEqual([]);
    expect(documentProblems(imported.doc)).toEqual([]);
    // Importing twice gives two definitions more, never a clash.
    const twice = withBlockImported(imported.doc, read.file);
    expect(Object.keys(twice.doc.blocks!)).toHaveLength(4);
    expect(blockProblems(twice.doc)).toEqual([]);
  });

  it.each([
    ['not json', 'is not valid JSON'],
    ['[1, 2]', 'does not hold a block'],
    ['{"format": "latent-canvas.graph", "version": 3, "nodes": [], "edges": []}', 'It is a whole graph'],
    ['{"format": "latent-canvas.block", "version": 9, "block": {}}', 'newer Latent Canvas'],
    ['{"format": "latent-canvas.block", "version": 1, "block": {"nodes": 3, "edges": []}}', 'b.block.json: block.nodes'],
    ['{"format": "latent-canvas.block", "version": 1, "block": {"nodes": [{"id": "a", "kind": "nope", "position": {"x": 0, "y": 0}}], "edges": []}}', 'unknown kind'],
    ['{"format": "latent-canvas.block", "version": 1, "block": {"nodes": [], "edges": [], "__proto__": {}}}', '__proto__'],
  ])('refuses %s with a sentence', (text, words) => {
    const r = parseBlockFile(text, 'b.block.json');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors.join(' ')).toContain(words);
  });
});
