import { describe, expect, it } from 'vitest';
import { emptyDoc } from '../graph/document';
import { withNodeAdded, withPositions } from './docEdits';
import { nodeById } from './nodeIndex';

describe('node index', () => {
  it('finds nodes by id and follows a new nodes array', () => {
    const a = withNodeAdded(emptyDoc(), 'gaussian', { x: 0, y: 0 })!;
    const b = withNodeAdded(a.doc, 'sampler', { x: 100, y: 0 })!;
    expect(nodeById(b.doc.nodes, a.id)).toBe(b.doc.nodes[0]);
    expect(nodeById(b.doc.nodes, 'nope')).toBeUndefined();
    const moved = withPositions(b.doc, new Map([[b.id, { x: 5, y: 5 }]]));
    expect(nodeById(moved.nodes, b.id)?.position).toEqual({ x: 5, y: 5 });
  });
});
