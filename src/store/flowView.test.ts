import { describe, expect, it } from 'vitest';
import { emptyDoc } from '../graph/document';
import { withEdgeAdded, withNodeAdded, withPositions } from './docEdits';
import { createEdgeDeriver, createNodeDeriver, withDragPreview } from './flowView';

describe('flow view derivation', () => {
  it('reuses unchanged nodes and rebuilds changed ones', () => {
    const a = withNodeAdded(emptyDoc(), 'gaussian', { x: 0, y: 0 })!;
    const b = withNodeAdded(a.doc, 'sampler', { x: 100, y: 0 })!;
    const derive = createNodeDeriver();
    const size = { width: 100, height: 50 };
    const first = derive(b.doc.nodes, [], { [a.id]: size });
    expect(first[0].measured).toBe(size);
    const moved = withPositions(b.doc, new Map([[b.id, { x: 5, y: 5 }]]));
    const second = derive(moved.nodes, [], { [a.id]: size });
    expect(second[0]).toBe(first[0]);
    expect(second[1]).not.toBe(first[1]);
    expect(derive(moved.nodes, [a.id], { [a.id]: size })[0].selected).toBe(true);
  });

  it('edges carry handles and the source port kind', () => {
    const a = withNodeAdded(emptyDoc(), 'gaussian', { x: 0, y: 0 })!;
    const b = withNodeAdded(a.doc, 'sampler', { x: 100, y: 0 })!;
    const doc = withEdgeAdded(b.doc, { source: a.id, sourcePort: 'dist', target: b.id, targetPort: 'dist' });
    const [e] = createEdgeDeriver()(doc, []);
    expect(e).toMatchObject({ source: a.id, sourceHandle: 'dist', target: b.id, targetHandle: 'dist', data: { portKind: 'dist' } });
  });

  it('hands back the same arrays while nothing in them changed', () => {
    const a = withNodeAdded(emptyDoc(), 'gaussian', { x: 0, y: 0 })!;
    const b = withNodeAdded(a.doc, 'sampler', { x: 100, y: 0 })!;
    const doc = withEdgeAdded(b.doc, { source: a.id, sourcePort: 'dist', target: b.id, targetPort: 'dist' });
    const deriveEdges = createEdgeDeriver();
    const edges = deriveEdges(doc, []);
    // A move makes a new document but leaves the edges as they were.
    expect(deriveEdges(withPositions(doc, new Map([[b.id, { x: 5, y: 5 }]])), [])).toBe(edges);
    const deriveNodes = createNodeDeriver();
    const nodes = deriveNodes(doc.nodes, [], {});
    expect(deriveNodes([...doc.nodes], [], {})).toBe(nodes);
  });

  it('a drag preview moves its nodes and keeps the others', () => {
    const a = withNodeAdded(emptyDoc(), 'gaussian', { x: 0, y: 0 })!;
    const b = withNodeAdded(a.doc, 'sampler', { x: 100, y: 0 })!;
    const nodes = createNodeDeriver()(b.doc.nodes, [], {});
    expect(withDragPreview(nodes, null)).toBe(nodes);
    const previewed = withDragPreview(nodes, new Map([[b.id, { x: 9, y: 9 }]]));
    expect(previewed[0]).toBe(nodes[0]);
    expect(previewed[1].position).toEqual({ x: 9, y: 9 });
  });
});

