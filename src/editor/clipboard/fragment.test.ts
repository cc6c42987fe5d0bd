import { beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseGraphText } from '../../graph/parse';
import type { GraphDoc } from '../../graph/document';
import { PASTE_STEP, withFragmentAdded } from '../../store/docEdits';
import { useGraphStore } from '../../store';
import { CLIPBOARD_FORMAT, copyFragment, fragmentFromText, fragmentToText } from './fragment';
import { analyzeGraph } from '../../compiler/analyze';

function ppca(): GraphDoc {
  const r = parseGraphText(readFileSync('graphs/ppca.json', 'utf8'), 'ppca.json');
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.doc;
}

describe('copied nodes', () => {
  it('keep the edges among them and leave the others behind', () => {
    const f = copyFragment(ppca(), ['prior', 'sampler', 'decoder'])!;
    expect(f.nodes.map((n) => n.id)).toEqual(['prior', 'sampler', 'decoder']);
    expect(f.edges.map((e) => `${e.source}->${e.target}`).sort()).toEqual(['prior->sampler', 'sampler->decoder']);
    expect(copyFragment(ppca(), [])).toBeUndefined();
  });

  it('paste with new ids, shifted positions and remapped edges, never mutating the input', () => {
    const doc = ppca();
    const frozen = JSON.stringify(doc);
    const f = copyFragment(doc, ['prior', 'sampler', 'decoder'])!;
    const parsed = fragmentFromText(fragmentToText(f)); // through the clipboard's text
    if (!parsed.ok) throw new Error(parsed.reason);
    const r = withFragmentAdded(doc, parsed.fragment)!;
    expect(JSON.stringify(doc)).toBe(frozen);
    expect(r.ids).toEqual(['gaussian-1', 'sampler-1', 'linear-1']);
    expect(r.doc.nodes).toHaveLength(doc.nodes.length + 3);
    const byId = new Map(r.doc.nodes.map((n) => [n.id, n]));
    expect(byId.get('gaussian-1')!.position).toEqual({ x: byId.get('prior')!.position.x + PASTE_STEP, y: byId.get('prior')!.position.y + PASTE_STEP });
    expect(byId.get('linear-1')!.params).toEqual(byId.get('decoder')!.params);
    const newEdges = r.doc.edges.slice(doc.edges.length).map((e) => `${e.source}.${e.sourcePort}->${e.target}.${e.targetPort}`);
    expect(newEdges.sort()).toEqual(['gaussian-1.dist->sampler-1.dist', 'sampler-1.z->linear-1.in']);
    // Edge ids stay unique.
    expect(new Set(r.doc.edges.map((e) => e.id)).size).toBe(r.doc.edges.length);
    // The copy is wired as the original: no new errors on the pasted sampler or linear.
    const a = analyzeGraph(r.doc);
    expect(a.nodeErrors.get('sampler-1')).toBeUndefined();
  });

  it('repeated pastes fan out instead of stacking', () => {
    const doc = ppca();
    const f = copyFragment(doc, ['prior'])!;
    const once = withFragmentAdded(doc, f)!;
    const twice = withFragmentAdded(once.doc, f)!;
    const p0 = doc.nodes.find((n) => n.id === 'prior')!.position;
    expect(twice.doc.nodes.find((n) => n.id === twice.ids[0])!.position).toEqual({ x: p0.x + 2 * PASTE_STEP, y: p0.y + 2 * PASTE_STEP });
  });

  it('clipboard text is checked like a file before pasting', () => {
    const f = copyFragment(ppca(), ['prior', 'sampler'])!;
    const text = fragmentToText(f);
    expect(fragmentFromText(text)).toMatchObject({ ok: true });
    expect(fragmentFromText('hello')).toEqual({ ok: false, reason: '' });
    const env = JSON.parse(text);
    const unknown = JSON.stringify({ ...env, nodes: [{ ...env.nodes[0], kind: 'evil' }] });
    expect(fragmentFromText(unknown)).toMatchObject({ ok: false, reason: expect.stringMatching(/unknown kind/) });
    const badParams = JSON.stringify({ ...env, nodes: [{ ...env.nodes[0], params: { dim: -3 } }] });
    expect(fragmentFromText(badParams)).toMatchObject({ ok: false, reason: expect.stringMatching(/invalid settings/) });
    const proto = JSON.stringify({ ...env, nodes: [{ ...env.nodes[0], id: '__proto__' }] });
    expect(fragmentFromText(proto).ok).toBe(false);
    // An edge to a port that does not exist, or to a node not copied, is dropped.
    const dangling = JSON.stringify({ ...env, edges: [...env.edges, { id: 'x', source: 'prior', sourcePort: 'nope', target: 'sampler', targetPort: 'dist' }, { id: 'y', source: 'prior', sourcePort: 'dist', target: 'gone', targetPort: 'dist' }] });
    const r = fragmentFromText(dangling);
    expect(r.ok && r.fragment.edges).toHaveLength(1);
    expect(text).toContain(CLIPBOARD_FORMAT);
  });
});

describe('paste in the store', () => {
  beforeEach(() => useGraphStore.getState().replaceDoc(ppca()));

  it('is one undo step and selects the pasted nodes', () => {
    const s = useGraphStore.getState();
    const ids = s.pasteNodes(copyFragment(s.doc, ['prior', 'sampler'])!);
    expect(useGraphStore.getState().selectedNodeIds).toEqual(ids);
    expect(useGraphStore.temporal.getState().pastStates).toHaveLength(1);
    useGraphStore.getState().undo();
    expect(useGraphStore.getState().doc.nodes).toHaveLength(6);
    expect(useGraphStore.getState().selectedNodeIds).toEqual([]);
  });
});

describe('copy and paste inside an open block', () => {
  it('copy from and paste into the block the canvas shows', async () => {
    const { duplicateSelection } = await import('./clipboardActions');
    const { viewDoc } = await import('../../store/blockView');
    const s = () => useGraphStore.getState();
    s().replaceDoc(ppca());
    s().setSelection(['prior', 'sampler'], []);
    const inst = s().makeBlock()!;
    s().openBlock(inst);
    s().setSelection(['sampler'], []);
    expect(duplicateSelection()).toBe(true);
    const inner = viewDoc(s()).nodes;
    expect(inner).toHaveLength(3);
    expect(inner.filter((n) => n.kind === 'sampler')).toHaveLength(2);
    // The top level is untouched: the copy went into the definition.
    expect(s().doc.nodes.some((n) => n.id === 'sampler')).toBe(false);
  });
});
