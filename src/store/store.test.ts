import { beforeEach, describe, expect, it } from 'vitest';
import { emptyDoc } from '../graph/document';
import { serializeGraph } from '../graph/parse';
import { useGraphStore } from './index';

const store = useGraphStore;
const history = () => store.temporal.getState();

beforeEach(() => {
  store.getState().replaceDoc(emptyDoc());
});

describe('editor store', () => {
  it('undo covers the doc only and one edit is one step', () => {
    const id = store.getState().addNode('gaussian', { x: 0, y: 0 })!;
    store.getState().selectNode(null);
    store.getState().showStatus('hello');
    expect(history().pastStates).toHaveLength(1);
    store.getState().undo();
    expect(store.getState().doc.nodes).toHaveLength(0);
    store.getState().redo();
    expect(store.getState().doc.nodes[0].id).toBe(id);
  });

  it('a drag (many moves inside a gesture) is one undo step', () => {
    const id = store.getState().addNode('gaussian', { x: 0, y: 0 })!;
    const s = store.getState();
    s.beginGesture();
    for (let i = 1; i <= 10; i++) s.moveNodes(new Map([[id, { x: i * 10, y: 0 }]]));
    s.endGesture();
    expect(history().pastStates).toHaveLength(2);
    s.undo();
    expect(store.getState().doc.nodes[0].position).toEqual({ x: 0, y: 0 });
  });

  it('a gesture that changes nothing adds no step', () => {
    store.getState().addNode('gaussian', { x: 0, y: 0 });
    store.getState().beginGesture();
    store.getState().endGesture();
    expect(history().pastStates).toHaveLength(1);
  });

  it('refused connections change nothing and say why', () => {
    const s = store.getState();
    const g = s.addNode('gaussian', { x: 0, y: 0 })!;
    const l = s.addNode('linear', { x: 0, y: 0 })!;
    const verdict = s.connect({ source: g, sourcePort: 'dist', target: l, targetPort: 'in' });
    expect(verdict.ok).toBe(false);
    expect(store.getState().doc.edges).toHaveLength(0);
  });

  it('opening a bad file leaves the graph exactly as it was', () => {
    const s = store.getState();
    s.addNode('gaussian', { x: 0, y: 0 });
    const before = store.getState().doc;
    expect(s.openGraphText('{"format":"nope"}', 'bad.json')).toBe(false);
    expect(store.getState().doc).toBe(before);
    expect(store.getState().fileProblem?.fileName).toBe('bad.json');
    expect(store.getState().status?.tone).toBe('error');
  });

  it('opening a good file replaces the doc and resets history', () => {
    const s = store.getState();
    s.addNode('gaussian', { x: 0, y: 0 });
    const text = serializeGraph({ ...emptyDoc('Other'), nodes: [] });
    expect(s.openGraphText(text, 'other.json')).toBe(true);
    expect(store.getState().doc.meta.title).toBe('Other');
    expect(history().pastStates).toHaveLength(0);
    expect(store.getState().fileProblem).toBeNull();
  });

  it('opening a file mid-edit does not let undo bring back the old graph', () => {
    const s = store.getState();
    s.addNode('gaussian', { x: 0, y: 0 });
    s.beginGesture();
    s.setTitle('typing');
    s.replaceDoc(emptyDoc('Fresh'));
    s.endGesture();
    expect(history().pastStates).toHaveLength(0);
    s.setTitle('Fresh 2');
    expect(history().pastStates).toHaveLength(1);
  });

  it('deleting the inspected node clears the inspector selection', () => {
    const id = store.getState().addNode('sampler', { x: 0, y: 0 })!;
    expect(store.getState().selectedNodeId).toBe(id);
    store.getState().deleteElements([id], []);
    expect(store.getState().selectedNodeId).toBeNull();
  });
});
