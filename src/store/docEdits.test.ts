import { describe, expect, it } from 'vitest';
import { emptyDoc } from '../graph/document';
import { newNodeId, withEdgeAdded, withElementsRemoved, withLabel, withNodeAdded, withParams, withPositions, withTraining } from './docEdits';

function twoNodes() {
  const a = withNodeAdded(emptyDoc(), 'gaussian', { x: 0, y: 0 })!;
  const b = withNodeAdded(a.doc, 'sampler', { x: 200, y: 0 })!;
  const doc = withEdgeAdded(b.doc, { source: a.id, sourcePort: 'dist', target: b.id, targetPort: 'dist' });
  return { doc, a: a.id, b: b.id };
}

describe('doc edits', () => {
  it('adds nodes with unique readable ids and default params', () => {
    const { doc, a, b } = twoNodes();
    expect([a, b]).toEqual(['gaussian-1', 'sampler-1']);
    expect(newNodeId(doc, 'gaussian')).toBe('gaussian-2');
    expect(doc.nodes[0].params).toEqual({ dim: 2, scaleMode: 'fixed', scale: 1 });
    expect(withNodeAdded(doc, 'nope', { x: 0, y: 0 })).toBeUndefined();
  });

  it('removing a node removes its edges, without mutating the input', () => {
    const { doc, a } = twoNodes();
    const next = withElementsRemoved(doc, [a], []);
    expect(next.nodes.map((n) => n.id)).toEqual(['sampler-1']);
    expect(next.edges).toEqual([]);
    expect(doc.edges).toHaveLength(1);
  });

  it('refuses invalid params and keeps the doc unchanged', () => {
    const { doc, a } = twoNodes();
    const bad = withParams(doc, a, { scale: -1 });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(Object.keys(bad.errors)).toEqual(['scale']);
    const good = withParams(doc, a, { scale: 2 });
    expect(good.ok && good.doc.nodes[0].params.scale).toBe(2);
    expect(doc.nodes[0].params.scale).toBe(1);
  });

  it("a data node's label follows its source: pointed at other data it is dropped, other edits keep it", () => {
    const d = withNodeAdded(emptyDoc(), 'data', { x: 0, y: 0 })!;
    const labelled = withLabel(d.doc, d.id, 'Correlated data');
    const moreRows = withParams(labelled, d.id, { n: 2000 });
    expect(moreRows.ok && moreRows.doc.nodes[0].label).toBe('Correlated data');
    const mnist = withParams(labelled, d.id, { source: 'mnist' });
    expect(mnist.ok && mnist.doc.nodes[0].label).toBeUndefined();
    expect(labelled.nodes[0].label).toBe('Correlated data');
  });

  it('accepts "data" or a positive integer for a dim-or-data param', () => {
    const l = withNodeAdded(emptyDoc(), 'linear', { x: 0, y: 0 })!;
    expect(withParams(l.doc, l.id, { units: 'data' }).ok).toBe(true);
    expect(withParams(l.doc, l.id, { units: 3 }).ok).toBe(true);
    expect(withParams(l.doc, l.id, { units: 0 }).ok).toBe(false);
    expect(withParams(l.doc, l.id, { units: 'wide' }).ok).toBe(false);
  });

  it('returns the same doc when nothing moved', () => {
    const { doc, a } = twoNodes();
    expect(withPositions(doc, new Map([[a, { x: 0, y: 0 }]]))).toBe(doc);
    expect(withPositions(doc, new Map([[a, { x: 5, y: 0 }]])).nodes[0].position).toEqual({ x: 5, y: 0 });
  });

  it('an empty label falls back to the title', () => {
    const { doc, a } = twoNodes();
    const named = withLabel(doc, a, 'prior');
    expect(named.nodes[0].label).toBe('prior');
    expect('label' in withLabel(named, a, '  ').nodes[0]).toBe(false);
  });

  it('validates training settings', () => {
    const doc = emptyDoc();
    expect(withTraining(doc, { learningRate: 0 }).ok).toBe(false);
    const r = withTraining(doc, { batchSize: 64 });
    expect(r.ok && r.doc.training.batchSize).toBe(64);
  });
});
