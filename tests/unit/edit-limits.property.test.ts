// The editor never holds a document its own parser would refuse. Random sequences of edits
// — add, connect, paste (also of whole graphs and of crafted clipboard text), delete,
// params (with CSVs big enough to pass the file limit), labels, title, notes, training —
// go through the real store actions; after each one the document, saved as a file, opens
// again without a single error or repair, and as the same graph. Sequences are drawn to
// push past each limit: nodes (pasting the whole graph doubles it), the file size (large
// CSVs in several data nodes), labels, the title, the notes and the training settings.
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { LIMITS } from '../../src/graph/limits';
import { parseGraphText, serializeGraph } from '../../src/graph/parse';
import { nodeSpecs, getSpec } from '../../src/nodes/registry';
import { useGraphStore } from '../../src/store';
import { copyFragment, fragmentToText, fragmentFromText } from '../../src/editor/clipboard/fragment';

const store = useGraphStore;
const kinds = [...nodeSpecs.keys()];
const startDoc = (() => {
  const r = parseGraphText(readFileSync('graphs/ppca.json', 'utf8'), 'ppca.json');
  if (!r.ok) throw new Error(r.errors.join(' '));
  return r.doc;
})();

/** Shared by reference, so drawing them costs nothing: two of them pass the file limit. */
const BIG_CSV = 'x'.repeat(Math.floor(LIMITS.fileChars * 0.55));
const HUGE_CSV = 'x'.repeat(LIMITS.csvChars + 1);

const text = (lengths: number[]) => fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom(...lengths).map((n) => 'a'.repeat(n)));

type Edit =
  | { op: 'add'; kind: string }
  | { op: 'connect'; from: number; out: number; to: number; input: number }
  | { op: 'paste'; pick: number[] }
  | { op: 'pasteAll' }
  | { op: 'pasteCrafted'; label: string; wrongEdge: boolean }
  | { op: 'delete'; pick: number[] }
  | { op: 'param'; node: number; field: number; value: unknown }
  | { op: 'csv'; node: number; big: 'big' | 'huge' | 'small' }
  | { op: 'label'; node: number; label: string }
  | { op: 'title'; title: string }
  | { op: 'notes'; notes: string }
  | { op: 'training'; key: 'learningRate' | 'epochs' | 'batchSize' | 'evalSamples'; value: number };

const paramValue = fc.oneof(
  fc.integer({ min: -2, max: 20 }),
  fc.constantFrom(LIMITS.layerWidth, LIMITS.layerWidth + 1, LIMITS.dataExamples + 1, LIMITS.samples + 1, 0.5, 1e300, 'data', 'x', true, [3, 4], Array(LIMITS.hiddenLayers + 1).fill(2)),
);

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('add' as const), kind: fc.constantFrom(...kinds) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('connect' as const), from: fc.nat(), out: fc.nat(), to: fc.nat(), input: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('paste' as const), pick: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('pasteAll' as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('pasteCrafted' as const), label: text([LIMITS.labelChars, LIMITS.labelChars + 1]), wrongEdge: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('delete' as const), pick: fc.array(fc.nat(), { maxLength: 3 }) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('param' as const), node: fc.nat(), field: fc.nat(), value: paramValue }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('csv' as const), node: fc.nat(), big: fc.constantFrom('big' as const, 'huge' as const, 'small' as const) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('label' as const), node: fc.nat(), label: text([LIMITS.labelChars, LIMITS.labelChars + 1, 5000]) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('title' as const), title: text([LIMITS.titleChars, LIMITS.titleChars + 1]) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('notes' as const), notes: text([LIMITS.notesChars, LIMITS.notesChars + 1]) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('training' as const),
      key: fc.constantFrom('learningRate' as const, 'epochs' as const, 'batchSize' as const, 'evalSamples' as const),
      value: fc.constantFrom(0, 1, 0.001, 11, LIMITS.epochs + 1, LIMITS.batchSize + 1, LIMITS.evalSamples + 1, 1e6),
    }),
  },
);

const nth = <T,>(items: readonly T[], i: number): T | undefined => (items.length ? items[i % items.length] : undefined);

function apply(e: Edit): void {
  const s = store.getState();
  const nodes = s.doc.nodes;
  switch (e.op) {
    case 'add':
      s.addNode(e.kind, { x: nodes.length * 7, y: 0 });
      return;
    case 'connect': {
      const from = nth(nodes, e.from);
      const to = nth(nodes, e.to);
      const out = from && nth(getSpec(from.kind)!.outputs, e.out);
      const input = to && nth(getSpec(to.kind)!.inputs, e.input);
      if (from && to && out && input) s.connect({ source: from.id, sourcePort: out.name, target: to.id, targetPort: input.name });
      return;
    }
    case 'paste': {
      const f = copyFragment(s.doc, e.pick.map((i) => nth(nodes, i)!.id).filter(Boolean));
      if (f) s.pasteNodes(f);
      return;
    }
    case 'pasteAll': {
      const f = copyFragment(s.doc, nodes.map((n) => n.id));
      if (f) s.pasteNodes(f);
      return;
    }
    case 'pasteCrafted': {
      // Clipboard text from elsewhere: checked by fragmentFromText, then by the store.
      const g = { id: 'g', kind: 'gaussian', label: e.label, params: {}, position: { x: 0, y: 0 } };
      const l = { id: 'l', kind: 'linear', params: {}, position: { x: 0, y: 0 } };
      const edges = e.wrongEdge ? [{ id: 'w', source: 'g', sourcePort: 'dist', target: 'l', targetPort: 'in' }] : [];
      const parsed = fragmentFromText(fragmentToText({ nodes: [g, l], edges }));
      if (parsed.ok) s.pasteNodes(parsed.fragment);
      return;
    }
    case 'delete': {
      const ids = e.pick.map((i) => nth(nodes, i)?.id).filter((id): id is string => !!id);
      s.deleteElements(ids, []);
      return;
    }
    case 'param': {
      const n = nth(nodes, e.node);
      const field = n && nth(getSpec(n.kind)!.fields, e.field);
      if (n && field) s.updateParams(n.id, { [field.key]: e.value });
      return;
    }
    case 'csv': {
      const data = nodes.filter((n) => 'csvText' in (getSpec(n.kind)!.defaults as object));
      const n = nth(data, e.node);
      const csvText = e.big === 'big' ? BIG_CSV : e.big === 'huge' ? HUGE_CSV : '1,2\n3,4\n';
      if (n) s.updateParams(n.id, { source: 'csv', csvText, csvName: 'x.csv', columns: 2 });
      return;
    }
    case 'label': {
      const n = nth(nodes, e.node);
      if (n) s.setNodeLabel(n.id, e.label);
      return;
    }
    case 'title':
      s.setTitle(e.title);
      return;
    case 'notes':
      s.updateMeta({ notes: e.notes });
      return;
    case 'training':
      s.updateTraining({ [e.key]: e.value });
      return;
  }
}

/** The store's document, saved and opened again: no errors, no repairs, the same graph. */
function expectReopensUnchanged(step: string): void {
  const doc = store.getState().doc;
  const r = parseGraphText(serializeGraph(doc), 'autosave');
  if (!r.ok) throw new Error(`after ${step} the document does not open: ${r.errors.slice(0, 3).join(' ')}`);
  expect(r.warnings, `after ${step}`).toEqual([]);
  expect(r.doc.nodes.length).toBe(doc.nodes.length);
  expect(r.doc.edges).toEqual(doc.edges);
  expect(r.doc.meta).toEqual(doc.meta);
  expect(r.doc.training).toEqual(doc.training);
}

beforeEach(() => {
  store.getState().replaceDoc(structuredClone(startDoc));
  store.getState().clearStatus();
});

describe('every edit keeps the document within its limits', () => {
  it('random edit sequences through the store always save a file that opens unchanged', () => {
    fc.assert(
      fc.property(fc.array(editArb, { minLength: 1, maxLength: 14 }), (edits) => {
        store.getState().replaceDoc(structuredClone(startDoc));
        edits.forEach((e, i) => {
          apply(e);
          expectReopensUnchanged(`edit ${i + 1} (${e.op})`);
        });
      }),
      { numRuns: Number(process.env.EDIT_FUZZ_RUNS ?? 60), seed: Number(process.env.EDIT_FUZZ_SEED ?? 20240610) },
    );
  });

  // The random sequences reach each limit only now and then; these walk up to each one.
  it('pasting the whole graph stops at the node limit, with the reason on the status line', () => {
    let last = store.getState().doc.nodes.length;
    for (let i = 0; i < 12; i++) {
      const s = store.getState();
      const ids = s.pasteNodes(copyFragment(s.doc, s.doc.nodes.map((n) => n.id))!);
      const now = store.getState().doc.nodes.length;
      if (ids.length === 0) {
        expect(now).toBe(last);
        expect(store.getState().status).toMatchObject({ tone: 'error', text: `The graph would have ${(2 * last).toLocaleString('en-US')} nodes; a graph holds at most 2,000. The ${last} nodes were not pasted.` });
        break;
      }
      last = now;
    }
    expect(last).toBeLessThanOrEqual(LIMITS.nodes);
    expect(last * 2).toBeGreaterThan(LIMITS.nodes);
    expectReopensUnchanged('the last paste');
  });

  it('adding nodes stops exactly at the limit', () => {
    const s = store.getState();
    const copy = copyFragment(s.doc, s.doc.nodes.map((n) => n.id))!;
    while (store.getState().doc.nodes.length + copy.nodes.length <= LIMITS.nodes) store.getState().pasteNodes(copy);
    while (store.getState().doc.nodes.length < LIMITS.nodes) expect(store.getState().addNode('gaussian', { x: 0, y: 0 })).toBeDefined();
    expect(store.getState().addNode('gaussian', { x: 0, y: 0 })).toBeUndefined();
    expect(store.getState().status?.text).toBe('The graph would have 2,001 nodes; a graph holds at most 2,000. The node was not added.');
    expect(store.getState().doc.nodes.length).toBe(LIMITS.nodes);
    expectReopensUnchanged('the refused add');
  });

  it('a second large CSV that would pass the file limit is refused at the field, and so is its copy', () => {
    const s = store.getState();
    expect(s.updateParams('data', { source: 'csv', csvText: BIG_CSV, columns: 1 }).ok).toBe(true);
    const before = store.getState().doc;
    expect(store.getState().pasteNodes(copyFragment(before, ['data'])!)).toEqual([]);
    expect(store.getState().status?.text).toMatch(/^The graph file would be 27,5\d\d,\d{3} characters, larger than 25 MB \(25,000,000 characters\), the limit for a graph file\. The node was not pasted\.$/);
    const other = store.getState().addNode('data', { x: 0, y: 500 })!;
    const r = store.getState().updateParams(other, { source: 'csv', csvText: BIG_CSV, columns: 1 });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors['']).toMatch(/^The graph file would be .* The setting was not changed\.$/);
    expectReopensUnchanged('the refused CSV');
  });

  it('labels, the title and the notes past their limits are refused whole, never cut', () => {
    const s = store.getState();
    expect(s.setNodeLabel('prior', 'p'.repeat(LIMITS.labelChars + 1))).toBe('The label of node "prior" is longer than 200 characters, the limit for a label. The label was not changed.');
    expect(store.getState().doc.nodes.find((n) => n.id === 'prior')?.label).toBe(startDoc.nodes.find((n) => n.id === 'prior')?.label);
    expect(s.setTitle('t'.repeat(LIMITS.titleChars + 1))).toBe('The title is longer than 200 characters, the limit for a title. The title was not changed.');
    expect(s.updateMeta({ notes: 'n'.repeat(LIMITS.notesChars + 1) })).toBe('The notes are longer than 100,000 characters, the limit for notes. The change was not applied.');
    expect(store.getState().doc.meta).toEqual(startDoc.meta);
    expect(s.setTitle('t'.repeat(LIMITS.titleChars))).toBeNull();
    expectReopensUnchanged('the title at its limit');
  });
});
