// Expanding an estimator in the store: one undo step there and back, and inside an open
// block the definition is what changes.
import { beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseGraphText } from '../graph/parse';
import { useGraphStore } from './index';
import { viewDoc } from './blockView';
import { getSpec } from '../nodes/registry';

const s = () => useGraphStore.getState();
const history = () => useGraphStore.temporal.getState();
const estimators = (nodes: { kind: string }[]) => nodes.filter((n) => getSpec(n.kind)?.estimator && !getSpec(n.kind)?.estimator?.composed);

beforeEach(() => {
  const r = parseGraphText(readFileSync('graphs/importance-sampling.json', 'utf8'), 'importance-sampling.json');
  if (!r.ok) throw new Error(r.errors.join(' '));
  s().replaceDoc(r.doc);
});

describe('expandEstimator', () => {
  it('replaces the loss by its parts in one undo step, selects them, and undo brings the loss back', () => {
    const before = s().doc;
    s().expandEstimator('loss');
    expect(estimators(s().doc.nodes)).toHaveLength(0);
    expect(s().selectedNodeIds.length).toBeGreaterThan(3);
    expect(history().pastStates).toHaveLength(1);
    expect(s().status?.text).toMatch(/Expanded .* parts/);
    s().undo();
    expect(s().doc).toEqual(before);
  });

  it('expands inside an open block, changing the definition', () => {
    s().setSelection(s().doc.nodes.map((n) => n.id), []);
    const inst = s().makeBlock()!;
    s().openBlock(inst);
    s().expandEstimator('loss');
    expect(estimators(viewDoc(s()).nodes)).toHaveLength(0);
    const defId = s().doc.nodes.find((n) => n.id === inst)!.params.block as string;
    expect(estimators(s().doc.blocks![defId].nodes)).toHaveLength(0);
  });

  it('says so, and changes nothing, for a node that is not a built-in estimator', () => {
    const before = s().doc;
    s().expandEstimator('enc');
    expect(s().doc).toBe(before);
    expect(s().status?.text).toBeTruthy();
  });
});
