import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseGraphText } from '../graph/parse';
import type { GraphDoc } from '../graph/document';
import { analyzeGraph } from './analyze';
import { checkConnection } from './connection';
import { formatShape } from '../nodes/types';

function ppca(): GraphDoc {
  const r = parseGraphText(readFileSync('graphs/ppca.json', 'utf8'));
  if (!r.ok) throw new Error(r.errors.join());
  return r.doc;
}
const without = (doc: GraphDoc, edgeId: string): GraphDoc => ({ ...doc, edges: doc.edges.filter((e) => e.id !== edgeId) });
const messages = (doc: GraphDoc, nodeId: string) => analyzeGraph(doc).nodeErrors.get(nodeId) ?? [];

describe('analyzeGraph', () => {
  it('accepts the PPCA graph and infers every edge shape', () => {
    const a = analyzeGraph(ppca());
    expect(a.errors).toEqual([]);
    expect(a.dataDim).toBe(10);
    const shape = (id: string) => formatShape(a.edgeShapes.get(id)!);
    expect(shape('e-sampler-decoder')).toBe('1×B×2');
    expect(shape('e-decoder-likelihood')).toBe('1×B×10');
    expect(shape('e-likelihood-loss')).toBe('gaussian 1×B×10');
    expect(a.order.indexOf('decoder')).toBeLessThan(a.order.indexOf('likelihood'));
  });

  it('takes data-sized layers from the data actually loaded', () => {
    const a = analyzeGraph(ppca(), { dataDim: 37 });
    expect(a.errors).toEqual([]);
    expect(formatShape(a.edgeShapes.get('e-decoder-likelihood')!)).toBe('1×B×37');
  });

  it('pins a missing input on the node that needs it', () => {
    expect(messages(without(ppca(), 'e-sampler-decoder'), 'decoder')).toEqual(['Connect the input "z".']);
  });

  it('pins shape mismatches on the loss, in words', () => {
    const doc = ppca();
    doc.nodes.find((n) => n.id === 'decoder')!.params.units = 7;
    expect(messages(doc, 'loss')).toContain('The likelihood is over 7 dimensions but the data has 10.');
  });

  it('says the exact marginal needs a linear decoder', () => {
    const doc = ppca();
    // Feed the likelihood mean straight from the sampler: no linear map in between.
    doc.edges = doc.edges.filter((e) => e.id !== 'e-decoder-likelihood' && e.id !== 'e-sampler-decoder');
    doc.edges.push({ id: 'direct', source: 'sampler', sourcePort: 'z', target: 'likelihood', targetPort: 'mean' });
    doc.nodes.find((n) => n.id === 'data')!.params.d = 2;
    doc.nodes.find((n) => n.id === 'data')!.params.q = 1;
    const errs = messages(doc, 'loss').join(' ');
    expect(errs).toMatch(/needs prior → sampler → linear → Gaussian likelihood: it needs a linear decoder/);
  });

  it('finds cycles and port-kind mismatches', () => {
    const doc = ppca();
    doc.nodes.push({ id: 'lin2', kind: 'linear', params: { units: 2, bias: true }, position: { x: 0, y: 0 } });
    doc.edges.push({ id: 'c1', source: 'decoder', sourcePort: 'out', target: 'lin2', targetPort: 'in' });
    doc.edges = doc.edges.filter((e) => e.id !== 'e-sampler-decoder');
    doc.edges.push({ id: 'c2', source: 'lin2', sourcePort: 'out', target: 'decoder', targetPort: 'in' });
    const a = analyzeGraph(doc);
    expect(a.nodeErrors.get('lin2')!.join()).toMatch(/part of a cycle/);
    const bad = ppca();
    bad.edges.push({ id: 'k', source: 'prior', sourcePort: 'dist', target: 'decoder', targetPort: 'in' });
    bad.edges = bad.edges.filter((e) => e.id !== 'e-sampler-decoder');
    expect(messages(bad, 'decoder').join()).toMatch(/takes a tensor but receives a dist/);
  });

  it('needs exactly one data node and one loss', () => {
    const doc = ppca();
    doc.nodes = doc.nodes.filter((n) => n.id !== 'loss');
    doc.edges = doc.edges.filter((e) => e.target !== 'loss');
    expect(analyzeGraph(doc).errors.map((e) => e.message)).toContain('Add a loss node: training needs an objective.');
  });
});

describe('checkConnection', () => {
  const doc = ppca();
  it('refuses a distribution into a tensor input and suggests a sampler', () => {
    const v = checkConnection(without(doc, 'e-sampler-decoder'), { source: 'prior', sourcePort: 'dist', target: 'decoder', targetPort: 'in' });
    expect(v.ok).toBe(false);
    expect(!v.ok && v.reason).toMatch(/gives a distribution, but .* takes a tensor .*Sampler/);
  });
  it('refuses a second edge into an input, a self-loop and a cycle', () => {
    expect(checkConnection(doc, { source: 'sampler', sourcePort: 'z', target: 'decoder', targetPort: 'in' })).toMatchObject({ ok: false, reason: expect.stringMatching(/already has an input/) });
    expect(checkConnection(doc, { source: 'decoder', sourcePort: 'out', target: 'decoder', targetPort: 'in' })).toMatchObject({ ok: false });
    const open = without(doc, 'e-prior-sampler');
    expect(checkConnection(open, { source: 'decoder', sourcePort: 'out', target: 'sampler', targetPort: 'dist' })).toMatchObject({ ok: false });
  });
  it('refuses a distribution or a tensor into a term input, and says a Log-density goes between', () => {
    const withSum: GraphDoc = { ...doc, nodes: [...doc.nodes, { id: 'sum', kind: 'weightedSum', params: {}, position: { x: 0, y: 0 } }] };
    const fromDist = checkConnection(withSum, { source: 'prior', sourcePort: 'dist', target: 'sum', targetPort: 'a' });
    expect(!fromDist.ok && fromDist.reason).toMatch(/gives a distribution, but .* takes a per-sample term\. Put a Log-density in between/);
    const fromTensor = checkConnection(withSum, { source: 'sampler', sourcePort: 'z', target: 'sum', targetPort: 'a' });
    expect(!fromTensor.ok && fromTensor.reason).toMatch(/gives a tensor .* takes a per-sample term\. Put a Log-density in between/);
  });
  it('accepts a valid connection', () => {
    expect(checkConnection(without(doc, 'e-sampler-decoder'), { source: 'sampler', sourcePort: 'z', target: 'decoder', targetPort: 'in' })).toEqual({ ok: true });
  });
});
