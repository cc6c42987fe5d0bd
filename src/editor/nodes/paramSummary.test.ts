import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getSpec } from '../../nodes/registry';
import { analyzeGraph } from '../../compiler/analyze';
import { parseGraphText } from '../../graph/parse';
import type { GraphDoc } from '../../graph/document';
import { nodeTitle, paramSummary, type NodeShapes } from './paramSummary';

function load(name: string): GraphDoc {
  const r = parseGraphText(readFileSync(`graphs/${name}.json`, 'utf8'));
  if (!r.ok) throw new Error(r.errors.join(' '));
  return r.doc;
}

/** The summary the canvas shows for a node of a gallery graph, from the graph's own analysis. */
function summaryIn(doc: GraphDoc, id: string): string {
  const node = doc.nodes.find((n) => n.id === id)!;
  const a = analyzeGraph(doc);
  const shapes: NodeShapes = { connected: new Set(doc.edges.filter((e) => e.target === id).map((e) => e.targetPort)), outputs: a.outputShapes.get(id) ?? {} };
  return paramSummary(getSpec(node.kind)!, node.params, shapes);
}

describe('paramSummary', () => {
  it('lists visible fields only', () => {
    const spec = getSpec('sampler')!;
    expect(paramSummary(spec, { mode: 'reparam', samples: 5 })).toBe('reparam · samples=5');
    expect(paramSummary(spec, { mode: 'mean', samples: 5 })).toBe('mean');
  });

  it('names the CSV file of a data node', () => {
    const spec = getSpec('data')!;
    expect(paramSummary(spec, { ...spec.defaults, source: 'csv', csvName: 'x.csv', columns: 3 })).toBe('csv · x.csv (3 columns)');
  });

  it('says whether a data node binarises its grey levels, and its TeX says so too', () => {
    const spec = getSpec('data')!;
    const vae = load('vae');
    const data = vae.nodes.find((n) => n.id === 'data')!;
    data.params = { ...data.params, binarize: 'dynamic' };
    expect(summaryIn(vae, 'data')).toBe('D=784 · mnist · binarised dynamically');
    expect(spec.dataSource!.texSource(data.params)).toBe('\\text{ (MNIST, binarised dynamically)}');
    data.params = { ...data.params, binarize: 'fixed', binarizeSeed: 4 };
    expect(summaryIn(vae, 'data')).toBe('D=784 · mnist · binarised once (seed 4)');
    expect(paramSummary(spec, { ...spec.defaults, source: 'csv', csvName: 'x.csv', columns: 3, binarize: 'fixed' })).toBe('csv · x.csv (3 columns) · binarised once (seed 1)');
    // Synthetic data are never binarised, whatever the (hidden) setting says.
    expect(paramSummary(spec, { ...spec.defaults, binarize: 'dynamic' })).not.toMatch(/binaris/);
    expect(spec.dataSource!.texSource({ ...spec.defaults, source: 'mnist' })).toBe('\\text{ (MNIST)}');
  });

  it('gives a likelihood the size it infers, not the prior dim it ignores', () => {
    const ppca = load('ppca');
    // The likelihood's dim param is 2 (a default), but its mean comes from a 10-wide decoder.
    expect(ppca.nodes.find((n) => n.id === 'likelihood')!.params.dim).toBe(2);
    expect(summaryIn(ppca, 'likelihood')).toBe('D=10 · learned · scale=1');
    expect(summaryIn(ppca, 'likelihood')).not.toMatch(/dim=/);
    // A prior has no mean input: its dim is its size, said once.
    expect(summaryIn(ppca, 'prior')).toBe('dim=2 · fixed · scale=1');
    expect(summaryIn(ppca, 'decoder')).toMatch(/^D=10 · /);
  });

  it('an encoder Gaussian with mean and log-variance shows only its size', () => {
    const vae = load('vae');
    expect(summaryIn(vae, 'q')).toBe('D=20');
    expect(summaryIn(vae, 'data')).toBe('D=784 · mnist');
    expect(summaryIn(vae, 'encMean')).not.toMatch(/^D=/); // units=20 already says it
  });

  it('without shapes it lists the settings as set', () => {
    expect(paramSummary(getSpec('gaussian')!, { dim: 2, scaleMode: 'fixed', scale: 1 })).toBe('dim=2 · fixed · scale=1');
  });
});

describe('nodeTitle', () => {
  const data = getSpec('data')!;
  it('follows a data node’s source unless it has a label', () => {
    expect(nodeTitle(data, undefined, { ...data.defaults, source: 'mnist' }, 'data')).toBe('MNIST digits');
    expect(nodeTitle(data, '', { ...data.defaults, source: 'synthetic', d: 10, n: 1000 }, 'data')).toBe('Synthetic 10×1000');
    expect(nodeTitle(data, '  ', { ...data.defaults, source: 'csv', csvName: 'iris.csv', columns: 4 }, 'data')).toBe('iris.csv');
    expect(nodeTitle(data, 'My digits', { ...data.defaults, source: 'mnist' }, 'data')).toBe('My digits');
  });
  it('other kinds keep their title', () => {
    expect(nodeTitle(getSpec('sampler')!, undefined, {}, 'sampler')).toBe(getSpec('sampler')!.title);
  });
});
