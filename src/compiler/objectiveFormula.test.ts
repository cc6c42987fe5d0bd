import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import katex from 'katex';
import type { GraphDoc } from '../graph/document';
import { objectiveFormula, texNumber } from './objectiveFormula';

// The files are read as documents directly (not through the parser), so these tests hold
// whatever format version the files are at; the formula only reads nodes, edges, training.
const graph = (name: string): GraphDoc => JSON.parse(readFileSync(`graphs/${name}.json`, 'utf8')) as GraphDoc;

function withParams(doc: GraphDoc, id: string, patch: Record<string, unknown>): GraphDoc {
  return { ...doc, nodes: doc.nodes.map((n) => (n.id === id ? { ...n, params: { ...n.params, ...patch } } : n)) };
}

function withoutEdges(doc: GraphDoc, pred: (e: GraphDoc['edges'][number]) => boolean): GraphDoc {
  return { ...doc, edges: doc.edges.filter((e) => !pred(e)) };
}

/** KaTeX must parse every formula we produce (throwOnError: true here, unlike the UI). */
function expectValidTex(tex: string) {
  expect(() => katex.renderToString(tex, { throwOnError: true, displayMode: true, trust: false, strict: 'ignore' })).not.toThrow();
}

const tex = (doc: GraphDoc) => objectiveFormula(doc).tex;

describe('objectiveFormula on the lecture graphs', () => {
  const files = readdirSync('graphs').filter((f) => f.endsWith('.json'));

  it('gives a complete, valid formula for every graph, averaged over the batch', () => {
    expect(files.length).toBeGreaterThanOrEqual(7);
    for (const f of files) {
      const r = objectiveFormula(graph(f.replace(/\.json$/, '')));
      expect(r.problems, f).toEqual([]);
      expect(r.tex, f).toContain('\\frac{1}{B}\\sum_{n=1}^{B}');
      expect(r.tex, f).not.toContain('{?}');
      expectValidTex(r.tex);
    }
  });

  it('vae: negative ELBO with Bernoulli logits f(z), encoder N(g(x), diag e^v(x)), prior N(0, ν²I_20), analytic KL', () => {
    const t = tex(graph('vae'));
    expect(t).toContain('\\mathrm{KL}\\big(q(z \\mid x_n)');
    expect(t).toContain('\\text{KL, analytic}');
    expect(t).toContain('\\sum_{i=1}^{784} \\big[x_i\\, f_{i}(z) - \\operatorname{softplus}(f_{i}(z))\\big]');
    expect(t).toContain('q(z \\mid x) = \\mathcal{N}\\big(z \\mid g(x),\\, \\operatorname{diag} e^{v(x)}\\big)');
    expect(t).toContain('p(z) = \\mathcal{N}\\big(z \\mid 0,\\, \\nu^2 I_{20}\\big),\\ \\nu = 1');
    expect(t).toContain('f\\colon 20 \\xrightarrow{\\mathrm{ReLU}} 400 \\to 784');
    expect(t).toContain('g\\colon 784 \\xrightarrow{\\mathrm{ReLU}} 400 \\to 20');
    expect(t).toContain('v\\colon 784 \\xrightarrow{\\mathrm{ReLU}} 400 \\to 20');
    expect(t).toContain('share their first layer');
    expect(t).toContain('z_{n} = g(x_{n}) + e^{\\frac12 v(x_{n})} \\odot \\varepsilon_{n}');
    expect(t).toContain('B = 128');
    expect(t).toContain('\\text{ (MNIST)}');
  });

  it('ppca: the exact marginal with K = ν²WWᵀ + σ²I and the actual d, q, learned σ', () => {
    const t = tex(graph('ppca'));
    expect(t).toContain('K = \\nu^2 W W^\\top + \\sigma^2 I_{10}');
    expect(t).toContain('W \\in \\mathbb{R}^{10 \\times 2}');
    expect(t).toContain('(x_n - b)^\\top K^{-1} (x_n - b) + \\log\\det K + d \\log 2\\pi');
    expect(t).toContain('d = 10,\\ q = 2');
    expect(t).toContain('\\sigma\\ \\text{learned (init } 1\\text{)}');
    expect(t).toContain('\\nu = 1');
    expect(t).not.toContain('\\mathrm{KL}');
  });

  it('importance sampling: log-mean-exp over the actual J', () => {
    const t = tex(graph('importance-sampling'));
    expect(t).toContain('-\\log \\frac{1}{5} \\sum_{j=1}^{5} \\frac{p(x_n \\mid z_{n,j})\\, p(z_{n,j})}{q(z_{n,j} \\mid x_n)}');
    expect(t).toContain('\\log \\frac{1}{5}');
    expect(t).toContain('j = 1, \\dots, 5');
  });

  it('mc-prior: the average of p(x|z_j) over J prior samples', () => {
    const t = tex(graph('mc-prior'));
    expect(t).toContain('-\\log \\frac{1}{10} \\sum_{j=1}^{10} p(x_n \\mid z_{n,j})');
    expect(t).toContain('z_{n,j} \\sim p(z)');
    expect(t).toContain('I_{20}');
    expect(t).not.toContain('q(z');
  });

  it('autoencoder: reconstruction and prior term at the point estimate ẑ = g(x)', () => {
    const t = tex(graph('autoencoder'));
    expect(t).toContain('-\\log p(x_n \\mid \\hat z_n)');
    expect(t).toContain('- \\log p(\\hat z_n)');
    expect(t).toContain('\\hat z_n = g(x_{n})');
    expect(t).toContain('f_{i}(\\hat z)');
    // The decoder is read from the latent on, not through the encoder.
    expect(t).toContain('f\\colon 20 \\xrightarrow{\\mathrm{ReLU}} 400 \\to 784');
  });

  it('linear-vae: affine encoder and decoder written as W x + b with their sizes', () => {
    const t = tex(graph('linear-vae'));
    expect(t).toContain('f(z) = W z + b,\\ W \\in \\mathbb{R}^{10 \\times 2}');
    expect(t).toContain('g(x) = W_{g} x + b_{g}');
    expect(t).toContain('p(x \\mid z) = \\mathcal{N}\\big(x \\mid f(z),\\, \\sigma^2 I_{10}\\big)');
  });

  it('vae-2d: the 2-D latent everywhere', () => {
    const t = tex(graph('vae-2d'));
    expect(t).toContain('I_{2}');
    expect(t).toContain('\\to 2');
  });
});

describe('objectiveFormula follows edits', () => {
  it('changing J changes the sums', () => {
    const is = graph('importance-sampling');
    const t50 = tex(withParams(is, 'sampler', { samples: 50 }));
    expect(t50).toContain('\\log \\frac{1}{50} \\sum_{j=1}^{50}');
    expect(t50).not.toContain('\\frac{1}{5} ');
    const vae5 = tex(withParams(graph('vae'), 'sampler', { samples: 5 }));
    expect(vae5).toContain('-\\frac{1}{5}\\sum_{j=1}^{5} \\log p(x_n \\mid z_{n,j})');
    const is1 = tex(withParams(is, 'sampler', { samples: 1 }));
    expect(is1).toContain('-\\log \\frac{p(x_n \\mid z_{n})');
    expectValidTex(vae5);
    expectValidTex(is1);
  });

  it('switching the KL mode swaps the analytic KL for its Monte Carlo estimate', () => {
    const vae = graph('vae');
    const mc = tex(withParams(vae, 'loss', { kl: 'mc' }));
    expect(mc).not.toContain('\\mathrm{KL}\\big(');
    expect(mc).toContain('\\log \\frac{q(z_{n} \\mid x_n)}{p(z_{n})}');
    expect(mc).toContain('\\text{KL, Monte Carlo}');
    expect(mc).not.toEqual(tex(vae));
    expectValidTex(mc);
  });

  it('swapping the Bernoulli likelihood for a Gaussian changes the likelihood term', () => {
    const vae = graph('vae');
    const gauss: GraphDoc = {
      ...vae,
      nodes: vae.nodes.map((n) => (n.id === 'lik' ? { ...n, kind: 'gaussian', params: { dim: 2, scaleMode: 'fixed', scale: 0.5 } } : n)),
      edges: vae.edges.map((e) => (e.target === 'lik' && e.targetPort === 'logits' ? { ...e, targetPort: 'mean' } : e)),
    };
    const t = tex(gauss);
    expect(t).not.toContain('softplus');
    expect(t).toContain('p(x \\mid z) = \\mathcal{N}\\big(x \\mid f(z),\\, \\sigma^2 I_{784}\\big),\\ \\sigma = 0.5');
    expectValidTex(t);
  });

  it('shows the actual prior scale and a fixed σ', () => {
    const ppca = withParams(withParams(graph('ppca'), 'prior', { scale: 0.5 }), 'likelihood', { scaleMode: 'fixed', scale: 0.3 });
    const t = tex(ppca);
    expect(t).toContain('\\nu = 0.5');
    expect(t).toContain('\\sigma = 0.3');
  });

  it('follows the network sizes and activations', () => {
    const t = tex(withParams(graph('vae'), 'dec', { hidden: [512, 256], activation: 'tanh' }));
    expect(t).toContain('f\\colon 20 \\xrightarrow{\\tanh} 512 \\xrightarrow{\\tanh} 256 \\to 784');
  });
});

describe('objectiveFormula on incomplete graphs', () => {
  it('an empty graph asks for a loss', () => {
    const empty = { ...graph('ppca'), nodes: [], edges: [] };
    const r = objectiveFormula(empty);
    expect(r.problems.join(' ')).toMatch(/loss/);
    expectValidTex(r.tex);
  });

  it('a loss with missing inputs gives a partial formula and says what to connect', () => {
    const vae = withoutEdges(graph('vae'), (e) => e.target === 'loss' && (e.targetPort === 'proposal' || e.targetPort === 'prior'));
    const r = objectiveFormula(vae);
    expect(r.problems).toContain('Connect q(z|x) to the loss.');
    expect(r.problems).toContain('Connect p(z) to the loss.');
    expect(r.tex).toContain('\\mathrm{KL}');
    expect(r.tex).toContain('{?}');
    expectValidTex(r.tex);
  });

  it('an unconnected decoder input is named, not thrown', () => {
    const r = objectiveFormula(withoutEdges(graph('vae'), (e) => e.target === 'dec'));
    expect(r.problems.some((p) => p.includes('likelihood'))).toBe(true);
    expectValidTex(r.tex);
  });

  it('PPCA with a non-linear decoder says why the exact marginal is unavailable', () => {
    const ppca = graph('ppca');
    const bad: GraphDoc = { ...ppca, nodes: ppca.nodes.map((n) => (n.id === 'decoder' ? { ...n, kind: 'dense', params: { units: 'data', activation: 'relu' } } : n)) };
    const r = objectiveFormula(bad);
    expect(r.problems.join(' ')).toMatch(/linear decoder/);
    expect(r.tex).toContain('\\int p(x_n \\mid z)');
    expectValidTex(r.tex);
  });

  it('every single missing edge of every graph still yields valid TeX', () => {
    for (const f of readdirSync('graphs').filter((x) => x.endsWith('.json'))) {
      const doc = graph(f.replace(/\.json$/, ''));
      for (const e of doc.edges) {
        const r = objectiveFormula(withoutEdges(doc, (x) => x.id === e.id));
        expectValidTex(r.tex);
      }
    }
  });

  it('never puts text from the file into the formula', () => {
    const vae = graph('vae');
    const evil = { ...vae, nodes: vae.nodes.map((n) => ({ ...n, label: '\\href{javascript:alert(1)}{x}', params: { ...n.params, units: '\\def' } })) };
    const t = tex(evil);
    expect(t).not.toContain('javascript');
    expect(t).not.toContain('\\def');
    expectValidTex(t);
  });
});

describe('texNumber', () => {
  it('formats finite numbers and refuses the rest', () => {
    expect(texNumber(784)).toBe('784');
    expect(texNumber(0.30000000000000004)).toBe('0.3');
    expect(texNumber(1e-7)).toBe('1 \\times 10^{-7}');
    expect(texNumber(Number.NaN)).toContain('?');
    expect(texNumber('1')).toContain('?');
  });
});
