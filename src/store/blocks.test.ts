// Block actions in the store: each edit one undo step, navigation none; edits inside an open
// block change the definition; errors pinned on what the view shows.
import { beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseGraphText, serializeGraph } from '../graph/parse';
import { serializeBlockFile } from '../graph/blocks/blockFile';
import { useGraphStore } from './index';
import { viewDoc } from './blockView';
import { viewAnalysisOf } from './analysis';

const store = useGraphStore;
const s = () => store.getState();
const history = () => store.temporal.getState();

function openVae() {
  const r = parseGraphText(readFileSync('graphs/vae.json', 'utf8'), 'vae.json');
  if (!r.ok) throw new Error(r.errors.join(' '));
  s().replaceDoc(r.doc);
}

beforeEach(openVae);

describe('blocks in the store', () => {
  it('make, edit inside, undo and redo: each edit one step, open/close none', () => {
    s().setSelection(['enc', 'encMean', 'encLogvar', 'q'], []);
    const inst = s().makeBlock()!;
    expect(inst).toBeDefined();
    expect(history().pastStates).toHaveLength(1);
    const defId = s().doc.nodes.find((n) => n.id === inst)!.params.block as string;
    s().openBlock(inst);
    expect(s().blockPath).toEqual([inst]);
    expect(viewDoc(s()).nodes.map((n) => n.id)).toEqual(['enc', 'encMean', 'encLogvar', 'q']);
    expect(history().pastStates).toHaveLength(1); // opening is navigation
    expect(s().updateParams('enc', { units: 300 }).ok).toBe(true);
    expect(s().doc.blocks![defId].nodes[0].params.units).toBe(300);
    expect(history().pastStates).toHaveLength(2);
    s().closeBlock();
    expect(s().blockPath).toEqual([]);
    s().undo();
    expect(s().doc.blocks![defId].nodes[0].params.units).toBe(400);
    s().redo();
    expect(s().doc.blocks![defId].nodes[0].params.units).toBe(300);
    s().undo();
    s().undo();
    expect(s().doc.blocks?.[defId]).toBeUndefined();
    expect(s().doc.nodes.some((n) => n.id === 'enc')).toBe(true);
  });

  it('an undo that removes the open block closes it', () => {
    s().setSelection(['dec'], []);
    const inst = s().makeBlock()!;
    s().openBlock(inst);
    s().undo();
    expect(s().blockPath).toEqual([]);
  });

  it('connections inside a block: an input fed from outside takes no second edge', () => {
    s().setSelection(['enc', 'encMean', 'encLogvar', 'q'], []);
    const inst = s().makeBlock()!;
    s().openBlock(inst);
    s().deleteElements([], viewDoc(s()).edges.filter((e) => e.target === 'encMean').map((e) => e.id));
    const v = s().connect({ source: 'encLogvar', sourcePort: 'out', target: 'enc', targetPort: 'in' });
    expect(v.ok).toBe(false);
    expect(!v.ok && v.reason).toMatch(/fed from outside the block/);
    expect(s().connect({ source: 'enc', sourcePort: 'out', target: 'encMean', targetPort: 'in' }).ok).toBe(true);
  });

  it('connects to a block’s own ports from outside', () => {
    s().setSelection(['enc', 'encMean', 'encLogvar', 'q'], []);
    const inst = s().makeBlock()!;
    const into = s().doc.edges.find((e) => e.target === inst)!;
    s().deleteElements([], [into.id]);
    expect(s().connect({ source: 'data', sourcePort: 'x', target: inst, targetPort: 'in' }).ok).toBe(true);
    const bad = s().connect({ source: 'prior', sourcePort: 'dist', target: inst, targetPort: 'in' });
    expect(bad.ok).toBe(false);
  });

  it('pins an inner node’s error on the block when closed and on the node when open', () => {
    s().setSelection(['enc', 'encMean', 'encLogvar', 'q'], []);
    const inst = s().makeBlock()!;
    // Edge shapes are shown on the outer edges to and from the block, and on the inner edges once open.
    const outer = s().doc.edges.filter((e) => e.source === inst || e.target === inst);
    expect(outer.length).toBe(3); // data → in; q.dist → sampler and → loss
    for (const e of outer) expect(viewAnalysisOf(s().doc, []).edgeShapes.get(e.id)).toBeDefined();
    s().openBlock(inst);
    for (const e of viewDoc(s()).edges) expect(viewAnalysisOf(s().doc, s().blockPath).edgeShapes.get(e.id)).toBeDefined();
    expect(s().updateParams('encMean', { units: 7 }).ok).toBe(true);
    const open = viewAnalysisOf(s().doc, s().blockPath);
    expect(open.nodeErrors.size).toBeGreaterThan(0);
    const inner = new Set(viewDoc(s()).nodes.map((n) => n.id));
    expect([...open.nodeErrors.keys()].every((id) => inner.has(id))).toBe(true);
    s().closeBlock();
    const closed = viewAnalysisOf(s().doc, s().blockPath);
    expect([...closed.nodeErrors.keys()]).toEqual([inst]);
    expect(closed.nodeErrors.get(inst)).toEqual([...open.nodeErrors.values()].flat());
  });

  it('adds instances from the palette, renames (one step each) and imports a block file', () => {
    s().setSelection(['dec'], []);
    const inst = s().makeBlock()!;
    const defId = s().doc.nodes.find((n) => n.id === inst)!.params.block as string;
    const before = history().pastStates.length;
    const second = s().addBlockInstance(defId, { x: 10, y: 10 })!;
    expect(s().doc.nodes.find((n) => n.id === second)!.params.block).toBe(defId);
    expect(s().renameBlock(defId, 'Decoder')).toBeNull();
    expect(s().doc.blocks![defId].title).toBe('Decoder');
    const text = serializeBlockFile(s().doc, defId);
    const imported = s().importBlockText(text, 'dec.block.json')!;
    expect(s().doc.blocks![imported].title).toBe('Decoder');
    expect(history().pastStates.length).toBe(before + 3);
    s().undo();
    expect(s().doc.blocks![imported]).toBeUndefined();
    expect(s().importBlockText('{"format": "nope"}', 'bad.block.json')).toBeUndefined();
    expect(s().fileProblem?.errors[0]).toMatch(/is not a Latent Canvas block/);
  });

  it('expands an estimator inside an open block, or says why not when it reads through the boundary', () => {
    s().setSelection(['loss'], []);
    const lossOnly = s().makeBlock()!;
    s().openBlock(lossOnly);
    const before = s().doc;
    s().expandEstimator('loss');
    expect(s().status?.text).toMatch(/reads its .+ through the block's boundary, so it cannot be expanded there/);
    expect(s().doc).toBe(before);

    openVae();
    s().setSelection(s().doc.nodes.map((n) => n.id), []);
    const whole = s().makeBlock()!;
    const defId = s().doc.nodes.find((n) => n.id === whole)!.params.block as string;
    s().openBlock(whole);
    s().expandEstimator('loss');
    expect(s().doc.blocks![defId].nodes.some((n) => n.kind === 'elboLoss')).toBe(false);
    expect(s().doc.blocks![defId].nodes.some((n) => n.kind === 'objective')).toBe(true);
    s().undo();
    expect(s().doc.blocks![defId].nodes.some((n) => n.kind === 'elboLoss')).toBe(true);
  });

  it('refuses an instance of the open block inside itself, with a sentence', () => {
    s().setSelection(['dec'], []);
    const inst = s().makeBlock()!;
    const defId = s().doc.nodes.find((n) => n.id === inst)!.params.block as string;
    s().openBlock(inst);
    expect(s().addBlockInstance(defId, { x: 0, y: 0 })).toBeUndefined();
    expect(s().status?.text).toMatch(/contains itself/);
  });

  it('ungroup is one undo step and gives the graph back; what it saves opens again', () => {
    const original = serializeGraph(s().doc);
    s().setSelection(['enc', 'encMean', 'encLogvar', 'q'], []);
    const inst = s().makeBlock()!;
    const saved = parseGraphText(serializeGraph(s().doc), 'saved.json');
    expect(saved.ok && saved.warnings).toEqual([]);
    s().ungroupBlock(inst);
    expect(s().doc.nodes.map((n) => n.id).sort()).toEqual(JSON.parse(original).nodes.map((n: { id: string }) => n.id).sort());
    s().undo();
    expect(s().doc.nodes.some((n) => n.id === inst)).toBe(true);
  });
});
