import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import katex from 'katex';
import type { GraphDoc } from '../../graph/document';
import { analyzeGraph } from '../../compiler/analyze';
import { nodeFormula } from './nodeFormulaTex';

const graph = (name: string): GraphDoc => JSON.parse(readFileSync(`graphs/${name}.json`, 'utf8')) as GraphDoc;

describe('nodeFormula', () => {
  it('gives every node of every lecture graph a formula KaTeX can typeset', () => {
    for (const f of readdirSync('graphs').filter((x) => x.endsWith('.json'))) {
      const doc = graph(f.replace(/\.json$/, ''));
      const a = analyzeGraph(doc);
      for (const n of doc.nodes) {
        const tex = nodeFormula(doc, n.id, a);
        expect(tex, `${f} ${n.id}`).not.toBe('');
        expect(() => katex.renderToString(tex, { throwOnError: true, trust: false, strict: 'ignore' })).not.toThrow();
      }
    }
  });

  it('tells a prior, a likelihood and an encoder apart by their wiring', () => {
    const vae = graph('vae');
    const a = analyzeGraph(vae);
    expect(nodeFormula(vae, 'prior', a)).toBe('\\mathcal{N}(0, \\nu^2 I_{20})');
    expect(nodeFormula(vae, 'q', a)).toContain('\\operatorname{diag} e^{v}');
    const ppca = graph('ppca');
    expect(nodeFormula(ppca, 'likelihood', analyzeGraph(ppca))).toBe('\\mathcal{N}(m, \\sigma^2 I)');
  });

  it('shows the actual sizes, J and KL mode', () => {
    const vae = graph('vae');
    const a = analyzeGraph(vae);
    expect(nodeFormula(vae, 'dec', a)).toBe('20 \\xrightarrow{\\mathrm{ReLU}} 400 \\to 784');
    expect(nodeFormula(vae, 'enc', a)).toContain('W \\in \\mathbb{R}^{400 \\times 784}');
    expect(nodeFormula(vae, 'loss', a)).toContain('\\mathrm{KL}');
    const mc = { ...vae, nodes: vae.nodes.map((n) => (n.id === 'loss' ? { ...n, params: { kl: 'mc' } } : n)) };
    expect(nodeFormula(mc, 'loss')).not.toContain('\\mathrm{KL}');
    const is = graph('importance-sampling');
    expect(nodeFormula(is, 'sampler')).toContain('j \\le 5');
    expect(nodeFormula(is, 'nope')).toBe('');
  });
});
