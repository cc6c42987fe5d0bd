import { describe, expect, it } from 'vitest';
import { emptyDoc } from '../../graph/document';
import { withNodeAdded } from '../../store/docEdits';
import { freeSpot, viewCenter } from './placement';

describe('palette placement', () => {
  it('maps the screen centre into flow coordinates', () => {
    expect(viewCenter(800, 600, [100, 50, 2])).toEqual({ x: 150, y: 125 });
  });

  it('does not stack a new node exactly on another', () => {
    const first = freeSpot(emptyDoc(), { x: 500, y: 300 });
    const doc = withNodeAdded(emptyDoc(), 'sampler', first)!.doc;
    const second = freeSpot(doc, { x: 500, y: 300 });
    expect(second).not.toEqual(first);
  });
});
