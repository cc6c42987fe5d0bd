// Save never writes what Open refuses: the limits of the weights and of the file agree (a
// file at the weight limit opens), and a graph whose weights push it past the file limit
// is refused with the sentence the person sees before being offered a save without them.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { LIMITS } from '../../graph/limits';
import { parseGraphText } from '../../graph/parse';
import { encodeWeights } from '../../graph/weights';
import { savedFileText } from './savedFile';

const ppca = (() => {
  const r = parseGraphText(readFileSync('graphs/ppca.json', 'utf8'), 'ppca.json');
  if (!r.ok) throw new Error(r.errors.join(' '));
  return r.doc;
})();

const weightsOf = (floats: number) => encodeWeights([{ name: 'w', shape: [floats], data: new Float32Array(floats).fill(0.25) }]);

describe('savedFileText', () => {
  it('writes a graph with as many weights as a file may carry, and it opens with them', () => {
    const file = savedFileText({ ...ppca, weights: weightsOf(LIMITS.weightFloats) }, 'The graph with its trained weights');
    expect(file.ok).toBe(true);
    const reopened = parseGraphText(file.ok ? file.text : '', 'saved.json');
    expect(reopened.ok && reopened.doc.weights?.variables[0].shape).toEqual([LIMITS.weightFloats]);
  });

  it('refuses weights that push the file past its size limit, saying by how much', () => {
    const withCsv = { ...ppca, nodes: ppca.nodes.map((n) => (n.id === 'data' ? { ...n, params: { ...n.params, source: 'csv', csvText: 'x'.repeat(19_000_000), columns: 1 } } : n)) };
    expect(savedFileText(withCsv, 'The graph file').ok).toBe(true);
    const file = savedFileText({ ...withCsv, weights: weightsOf(2_000_000) }, 'The graph with its trained weights');
    expect(file).toEqual({ ok: false, reason: expect.stringMatching(/^The graph with its trained weights would be 29,6\d\d,\d{3} characters, larger than 25 MB \(25,000,000 characters\), the limit for a graph file\.$/) });
  });

  it('refuses weights past the value limit before writing anything', () => {
    expect(() => weightsOf(LIMITS.weightFloats + 1)).toThrow('The weights hold more values than the 4,500,000 a graph file may carry (variable "w" alone has 4,500,001).');
    const two = [1, 2].map((i) => ({ name: `w${i}`, shape: [LIMITS.weightFloats / 2 + 1], data: new Float32Array(LIMITS.weightFloats / 2 + 1) }));
    expect(() => encodeWeights(two)).toThrow('The weights hold 4,500,002 values; a graph file may carry at most 4,500,000.');
  });
});
