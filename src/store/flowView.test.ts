import { describe, expect, it } from 'vitest';
import { emptyDoc } from '../graph/document';
import { withEdgeAdded, withNodeAdded, withPositions } from './docEdits';
import { createEdgeDeriver, createNodeDeriver } from './flowView';

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
});
