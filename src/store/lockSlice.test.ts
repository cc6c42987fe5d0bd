// The view-only lock: every edit action of the store is refused while it is on (the
// document, its history and the selection's doc stay exactly as they were) and works again
// once it is off; what is not an edit (selection, navigation, opening a graph) still works.
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { parseGraphText } from '../graph/parse';
import { serializeBlockFile } from '../graph/blocks/blockFile';
import { emptyDoc } from '../graph/document';
import { useGraphStore } from './index';
import { EDIT_REFUSALS, NOT_EDITS, VIEW_ONLY_REASON } from './lockSlice';
import { inThreadEngine } from '../editor/layout/inThreadEngine';

vi.mock('../editor/layout/workerEngine', () => ({ workerEngine: () => inThreadEngine() }));

const store = useGraphStore;
const s = () => store.getState();
const history = () => store.temporal.getState();

function open(file: string) {
  const r = parseGraphText(readFileSync(`graphs/${file}`, 'utf8'), file);
  if (!r.ok) throw new Error(r.errors.join(' '));
  s().setViewOnly(false);
  s().replaceDoc(r.doc);
}

/** A block definition of the VAE's decoder, made (unlocked) before the edit under test. */
function withDecoderBlock(): { inst: string; defId: string } {
  s().setSelection(['dec', 'lik'], []);
  const inst = s().makeBlock()!;
  const defId = s().doc.nodes.find((n) => n.id === inst)!.params.block as string;
  return { inst, defId };
}

type EditName = keyof typeof EDIT_REFUSALS;

/**
 * For each edit: an optional set-up (done unlocked, on vae.json) and the call, which must
 * change the document when the lock is off.
 */
const EDITS: Record<EditName, { setup?: () => unknown; run: (ctx: unknown) => unknown }> = {
  addNode: { run: () => s().addNode('gaussian', { x: 900, y: 900 }) },
  connect: { setup: () => s().deleteElements([], s().doc.edges.filter((e) => e.target === 'loss' && e.targetPort === 'prior').map((e) => e.id)), run: () => s().connect({ source: 'prior', sourcePort: 'dist', target: 'loss', targetPort: 'prior' }) },
  rewire: { run: () => s().rewire({ source: 'q', sourcePort: 'dist', target: 'loss', targetPort: 'prior' }) },
  pasteNodes: { run: () => s().pasteNodes({ nodes: [s().doc.nodes[0]], edges: [] }) },
  expandEstimator: { run: () => s().expandEstimator('loss') },
  deleteElements: { run: () => s().deleteElements(['prior'], []) },
  moveNodes: { run: () => s().moveNodes(new Map([['data', { x: -500, y: -500 }]])) },
  autoLayout: {
    setup: () => s().moveNodes(new Map(s().doc.nodes.map((n) => [n.id, { x: 0, y: 0 }]))),
    run: () => s().autoLayout(),
  },
  updateParams: { run: () => s().updateParams('sampler', { samples: 7 }) },
  updateTraining: { run: () => s().updateTraining({ epochs: 3 }) },
  setNodeLabel: { run: () => s().setNodeLabel('prior', 'my prior') },
  setTitle: { run: () => s().setTitle('A new title') },
  updateMeta: { run: () => s().updateMeta({ notes: 'new notes' }) },
  undo: { setup: () => s().addNode('gaussian', { x: 900, y: 900 }), run: () => s().undo() },
  redo: {
    setup: () => {
      s().addNode('gaussian', { x: 900, y: 900 });
      s().undo();
    },
    run: () => s().redo(),
  },
  makeBlock: { setup: () => s().setSelection(['dec', 'lik'], []), run: () => s().makeBlock() },
  ungroupBlock: { setup: withDecoderBlock, run: (ctx) => s().ungroupBlock((ctx as { inst: string }).inst) },
  addBlockInstance: { setup: withDecoderBlock, run: (ctx) => s().addBlockInstance((ctx as { defId: string }).defId, { x: 900, y: 900 }) },
  renameBlock: { setup: withDecoderBlock, run: (ctx) => s().renameBlock((ctx as { defId: string }).defId, 'Renamed') },
  importBlockText: {
    setup: () => {
      const { defId } = withDecoderBlock();
      return serializeBlockFile(s().doc, defId);
    },
    run: (text) => s().importBlockText(text as string, 'dec.block.json'),
  },
};

beforeEach(() => open('vae.json'));

describe('the view-only lock', () => {
  it('knows every action of the store: each is an edit (guarded) or named as not one', () => {
    const actions = Object.entries(s())
      .filter(([, v]) => typeof v === 'function')
      .map(([k]) => k);
    const known = new Set<string>([...Object.keys(EDIT_REFUSALS), ...NOT_EDITS]);
    expect(actions.filter((a) => !known.has(a))).toEqual([]);
    expect(Object.keys(EDITS).sort()).toEqual(Object.keys(EDIT_REFUSALS).sort());
  });

  for (const name of Object.keys(EDITS) as EditName[]) {
    it(`${name}: refused while locked, applied once unlocked`, async () => {
      const { setup, run } = EDITS[name];
      const ctx = setup?.();
      const doc = s().doc;
      const past = history().pastStates.length;
      const future = history().futureStates.length;

      s().setViewOnly(true);
      s().clearStatus();
      const refused = await run(ctx);
      expect(s().doc).toBe(doc);
      expect(history().pastStates.length).toBe(past);
      expect(history().futureStates.length).toBe(future);
      expect(refused).toEqual(await (EDIT_REFUSALS[name] as () => unknown)());
      expect(s().status?.text).toBe(VIEW_ONLY_REASON);

      s().setViewOnly(false);
      await run(ctx);
      expect(s().doc).not.toBe(doc);
    });
  }

  it('selecting, opening blocks and opening another graph still work while locked', () => {
    const { inst } = withDecoderBlock();
    s().setViewOnly(true);
    s().setSelection(['prior', 'data'], []);
    expect(s().selectedNodeIds).toEqual(['prior', 'data']);
    s().openBlock(inst);
    expect(s().blockPath).toEqual([inst]);
    s().closeBlock();
    expect(s().blockPath).toEqual([]);
    s().replaceDoc(emptyDoc());
    expect(s().doc.nodes).toEqual([]);
    expect(s().viewOnly).toBe(true);
    s().setViewOnly(false);
  });

  it('a refused connection says why in its verdict', () => {
    s().setViewOnly(true);
    const v = s().connect({ source: 'q', sourcePort: 'dist', target: 'loss', targetPort: 'prior' });
    expect(v).toEqual({ ok: false, reason: VIEW_ONLY_REASON });
    s().setViewOnly(false);
  });
});
