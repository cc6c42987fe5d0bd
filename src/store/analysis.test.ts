import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseGraphText } from '../graph/parse';
import { withPositions } from './docEdits';
import { analysisOf, structureOf } from './analysis';

const doc = (() => {
  const r = parseGraphText(readFileSync('graphs/vae.json', 'utf8'));
  if (!r.ok) throw new Error(r.errors.join());
  return r.doc;
})();

describe('structure-keyed analysis', () => {
  it('survives a drag: moving nodes keeps the structure, the analysis is not recomputed', () => {
    const before = analysisOf(doc);
    const moved = withPositions(doc, new Map([['enc', { x: 999, y: 5 }]]));
    expect(moved).not.toBe(doc);
    expect(structureOf(moved)).toBe(structureOf(doc));
    expect(analysisOf(moved)).toBe(before);
  });

  it('changes with a param, an edge or a label', () => {
    const base = structureOf(doc);
    const param = { ...doc, nodes: doc.nodes.map((n) => (n.id === 'sampler' ? { ...n, params: { ...n.params, samples: 5 } } : n)) };
    expect(structureOf(param)).not.toBe(base);
    const edge = { ...doc, edges: doc.edges.slice(1) };
    expect(analysisOf(edge).nodeErrors.size).toBeGreaterThan(0);
    const label = { ...doc, nodes: doc.nodes.map((n) => (n.id === 'enc' ? { ...n, label: 'renamed' } : n)) };
    expect(structureOf(label)).not.toBe(structureOf(edge));
  });
});
