import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseGraphText } from '../graph/parse';
import type { GraphDoc } from '../graph/document';
import { analyzeGraph } from './analyze';
import { dataSupportWarnings } from './dataSupport';

function graph(name: string, edit?: (doc: GraphDoc) => void): GraphDoc {
  const r = parseGraphText(readFileSync(`graphs/${name}.json`, 'utf8'), name);
  if (!r.ok) throw new Error(r.errors.join());
  edit?.(r.doc);
  return r.doc;
}

const csvSource = (text: string) => (d: GraphDoc) => {
  const data = d.nodes.find((n) => n.id === 'data')!;
  data.params = { source: 'csv', csvName: 'x.csv', csvText: text, columns: text.split('\n')[0].split(',').length };
};
const warnings = (doc: GraphDoc, observed?: { min: number; max: number }) => dataSupportWarnings(doc, analyzeGraph(doc), observed);

describe('dataSupportWarnings', () => {
  it('warns on the Bernoulli node with the data range a CSV actually has', () => {
    const doc = graph('vae', csvSource('a,b,c\n-3.2,0.5,1\n0,4.1,2\n'));
    expect(warnings(doc)).toEqual([
      {
        nodeId: 'lik',
        message:
          'The data range from −3.2 to 4.1; a Bernoulli likelihood needs values in [0, 1], so its loss is not a negative log-likelihood here and can even be negative — rescale the data into [0, 1], or use a Gaussian likelihood.',
      },
    ]);
  });

  it('says nothing for MNIST (in [0, 1]) or a CSV inside [0, 1], nor for a Gaussian likelihood on any data', () => {
    expect(warnings(graph('vae'))).toEqual([]);
    expect(warnings(graph('vae', csvSource('a,b\n0,1\n0.25,0.5\n')))).toEqual([]);
    expect(warnings(graph('linear-vae', csvSource('a,b\n-300,1\n0.25,500\n')))).toEqual([]);
    expect(warnings(graph('ppca'), { min: -10, max: 10 })).toEqual([]);
  });

  it('synthetic data are unbounded; the range of data actually loaded replaces what the node declares', () => {
    const synthetic = graph('vae', (d) => (d.nodes.find((n) => n.id === 'data')!.params = { source: 'synthetic', d: 5, q: 2 }));
    expect(warnings(synthetic)[0].message).toMatch(/^The data are unbounded \(synthetic Gaussian values\); a Bernoulli likelihood needs values in \[0, 1\]/);
    expect(warnings(graph('vae'), { min: 0, max: 255 })[0].message).toMatch(/^The data range from 0 to 255; a Bernoulli/);
    expect(warnings(graph('vae'), { min: -0.5, max: 1 })[0].message).toMatch(/^The data range from −0\.5 to 1;/);
    expect(warnings(synthetic, { min: 0, max: 1 })).toEqual([]);
  });
});
