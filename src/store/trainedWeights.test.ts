import { beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseGraphText, serializeGraph } from '../graph/parse';
import type { GraphDoc } from '../graph/document';
import { encodeWeights } from '../graph/weights';
import { withLabel, withParams, withPositions, withTraining } from './docEdits';
import { useGraphStore } from './index';
import { clearTrainedWeights, initialWeightsFor, setTrainedWeights, structureKey, useTrainedWeights, weightsFor, weightsSectionFor } from './trainedWeights';

function ppca(): GraphDoc {
  const r = parseGraphText(readFileSync('graphs/ppca.json', 'utf8'), 'ppca.json');
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.doc;
}

const snapshot = () => ({
  variables: [
    { name: 'decoder/kernel', shape: [2, 10], data: new Float32Array(20).map((_, i) => i / 10) },
    { name: 'decoder/bias', shape: [10], data: new Float32Array(10).fill(0.5) },
    { name: 'likelihood/logVar', shape: [], data: new Float32Array([-1]) },
  ],
});

beforeEach(() => clearTrainedWeights());

describe('trained weights beside the document', () => {
  it('belong to a structure: moves, labels and settings keep them, params and wiring do not', () => {
    const doc = ppca();
    const key = structureKey(doc);
    expect(structureKey(withPositions(doc, new Map([['prior', { x: 999, y: 1 }]])))).toBe(key);
    expect(structureKey(withLabel(doc, 'prior', 'my prior'))).toBe(key);
    const trained = withTraining(doc, { learningRate: 0.5 });
    expect(trained.ok && structureKey(trained.doc)).toBe(key);
    const p = withParams(doc, 'prior', { scale: 2 });
    expect(p.ok && structureKey(p.doc)).not.toBe(key);
    expect(structureKey({ ...doc, edges: doc.edges.slice(1) })).not.toBe(key);
    // Node and edge order do not matter.
    expect(structureKey({ nodes: [...doc.nodes].reverse(), edges: [...doc.edges].reverse() })).toBe(key);
  });

  it('a run of this session is not an initial state; weights of a file or the autosave are', () => {
    const doc = ppca();
    setTrainedWeights(doc, snapshot(), 'run');
    expect(weightsFor(doc)?.origin).toBe('run');
    expect(initialWeightsFor(doc)).toBeUndefined();
    setTrainedWeights(doc, snapshot(), 'autosave');
    expect(initialWeightsFor(doc)?.variables).toHaveLength(3);
    const p = withParams(doc, 'prior', { scale: 2 });
    expect(p.ok && initialWeightsFor(p.doc)).toBeUndefined();
  });

  it('opening a document takes its weights out of it, and keeps them beside it', () => {
    const doc = ppca();
    const weights = encodeWeights(snapshot().variables, { savedAt: '2026-01-01T00:00:00.000Z' });
    const text = serializeGraph({ ...doc, weights });
    expect(useGraphStore.getState().openGraphText(text, 'trained.json')).toBe(true);
    const open = useGraphStore.getState().doc;
    expect(open.weights).toBeUndefined();
    const t = useTrainedWeights.getState().trained!;
    expect(t.origin).toBe('file');
    expect(t.savedAt).toBe('2026-01-01T00:00:00.000Z');
    expect(Array.from(t.snapshot.variables[0].data)).toEqual(Array.from(snapshot().variables[0].data));
    // Save with weights writes back the same section.
    expect(weightsSectionFor(open)).toEqual(weights);
    // Another graph without weights: the old ones no longer apply and are dropped.
    useGraphStore.getState().replaceDoc({ ...doc, nodes: doc.nodes.slice(1) });
    expect(useTrainedWeights.getState().trained).toBeNull();
  });
});
