import { beforeEach, describe, expect, it } from 'vitest';
import type { NodeChange } from '@xyflow/react';
import { emptyDoc } from '../graph/document';
import { useGraphStore } from './index';
import { useDragPreview } from './dragPreview';
import { applyNodeChanges, commitDrag } from './flowChanges';
import type { ModelFlowNode } from './flowView';

const store = useGraphStore;
const pastSteps = () => store.temporal.getState().pastStates.length;
const positionOf = (id: string) => store.getState().doc.nodes.find((n) => n.id === id)!.position;
const move = (id: string, x: number, y: number, dragging: boolean): NodeChange<ModelFlowNode> => ({ id, type: 'position', position: { x, y }, dragging });

beforeEach(() => {
  store.getState().replaceDoc(emptyDoc());
  useDragPreview.setState({ positions: null });
});

describe('node changes from React Flow', () => {
  it('a drag moves the preview only, and its end is one document edit', () => {
    const a = store.getState().addNode('gaussian', { x: 0, y: 0 })!;
    const b = store.getState().addNode('sampler', { x: 100, y: 0 })!;
    const doc = store.getState().doc;
    const steps = pastSteps();
    for (let i = 1; i <= 10; i++) applyNodeChanges([move(a, i, 0, true), move(b, 100 + i, 0, true)]);
    expect(store.getState().doc).toBe(doc);
    expect(useDragPreview.getState().positions?.get(a)).toEqual({ x: 10, y: 0 });
    // Something else reported mid-drag (a selection) does not end it.
    applyNodeChanges([{ id: a, type: 'select', selected: true }]);
    expect(useDragPreview.getState().positions).not.toBeNull();

    applyNodeChanges([move(a, 11, 0, false), move(b, 111, 0, false)]);
    expect(useDragPreview.getState().positions).toBeNull();
    expect(positionOf(a)).toEqual({ x: 11, y: 0 });
    expect(positionOf(b)).toEqual({ x: 111, y: 0 });
    expect(pastSteps()).toBe(steps + 1);
    store.getState().undo();
    expect(positionOf(a)).toEqual({ x: 0, y: 0 });
    expect(positionOf(b)).toEqual({ x: 100, y: 0 });
  });

  it('a move outside a drag (arrow keys) is a document edit at once', () => {
    const a = store.getState().addNode('gaussian', { x: 0, y: 0 })!;
    applyNodeChanges([move(a, 5, 0, false)]);
    expect(positionOf(a)).toEqual({ x: 5, y: 0 });
  });

  it('a drag stop commits what the preview still holds', () => {
    const a = store.getState().addNode('gaussian', { x: 0, y: 0 })!;
    applyNodeChanges([move(a, 7, 7, true)]);
    commitDrag();
    expect(useDragPreview.getState().positions).toBeNull();
    expect(positionOf(a)).toEqual({ x: 7, y: 7 });
    const doc = store.getState().doc;
    commitDrag(); // nothing left: no edit
    expect(store.getState().doc).toBe(doc);
  });

  it('a node deleted mid-drag stays deleted when the drag ends', () => {
    const a = store.getState().addNode('gaussian', { x: 0, y: 0 })!;
    applyNodeChanges([move(a, 7, 7, true)]);
    store.getState().deleteElements([a], []);
    applyNodeChanges([move(a, 8, 8, false)]);
    expect(store.getState().doc.nodes).toHaveLength(0);
  });
});
