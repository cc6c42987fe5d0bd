// A deep network reads as one line of the objective: a long run of identical layers is
// written once with its count, so the formula stays short whatever the depth.
import { describe, expect, it } from 'vitest';
import { parseGraphValue } from '../graph/parse';
import { deepChainGraph } from '../testing/deepChain';
import { objectiveFormula } from './objectiveFormula';

function chain(nodes: number, layers: 'dense' | 'linear' = 'dense') {
  const r = parseGraphValue(deepChainGraph({ nodes, layers }));
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.doc;
}

describe('objectiveFormula on deep networks', () => {
  it('writes a run of identical layers once, with the count', () => {
    const f = objectiveFormula(chain(2000));
    expect(f.problems).toEqual([]);
    // 1,995 layers: 1,994 tanh layers of width 2, then the linear output layer.
    expect(f.tex).toContain('\\underbrace{\\xrightarrow{\\tanh} 2 \\cdots \\xrightarrow{\\tanh} 2}_{1994 \\text{ layers}} \\to 3');
    expect(f.tex.length).toBeLessThan(2000);
  });

  it('counts the middle of a long network whose layers all differ', () => {
    const doc = chain(2000);
    // Widths 2, 3, 4, 2, 3, 4, …: no two neighbours alike, so no run to fold; 5 layers shown
    // at each end of the 1,995, the 1,985 between them counted.
    const varied = { ...doc, nodes: doc.nodes.map((n, i) => (n.kind === 'dense' && n.params.units !== 'data' ? { ...n, params: { ...n.params, units: 2 + (i % 3) } } : n)) };
    const f = objectiveFormula(varied);
    expect(f.tex).toMatch(/\\underbrace\{\\cdots\}_\{1985 \\text\{ more layers\}\}/);
    expect(f.tex.length).toBeLessThan(3000);
  });

  it('writes the composite W and b of a long linear chain as a product and a sum', () => {
    const f = objectiveFormula(chain(2000, 'linear'));
    expect(f.problems).toEqual([]);
    expect(f.tex).toContain('W = W_{1995} W_{1994} \\cdots W_{1}');
    expect(f.tex).toContain('b = \\textstyle\\sum_{i=1}^{1995} W_{1995} \\cdots W_{i+1}\\, b_i');
    expect(f.tex.length).toBeLessThan(2000);
    // Short chains keep every factor.
    expect(objectiveFormula(chain(5 + 2, 'linear')).tex).toContain('W = W_{2} W_{1}');
  });

  it('keeps short runs spelled out', () => {
    const f = objectiveFormula(chain(5 + 3)); // 2 tanh layers and the output layer
    expect(f.tex).toContain('\\xrightarrow{\\tanh} 2 \\xrightarrow{\\tanh} 2 \\to 3');
    expect(f.tex).not.toContain('\\cdots');
  });
});
