// The formula of estimators built from parts: each part's own TeX composed, reading the way
// the lecture writes the estimator the parts build — and changing when a part changes.
import { describe, expect, it } from 'vitest';
import katex from 'katex';
import type { GraphDoc } from '../graph/document';
import { fixtureGraph } from '../testing/linearGaussianFixture';
import { partsGraph, withParams } from '../testing/partsGraphs';
import { analyzeGraph } from './analyze';
import { objectiveFormula } from './objectiveFormula';

function expectValidTex(tex: string) {
  expect(() => katex.renderToString(tex, { throwOnError: true, displayMode: true, trust: false, strict: 'ignore' })).not.toThrow();
}

/** The formula, checked to be complete, valid TeX and never the "no formula" fallback. */
function formula(doc: GraphDoc): string {
  expect(analyzeGraph(doc).errors).toEqual([]);
  const r = objectiveFormula(doc);
  expect(r.problems).toEqual([]);
  expect(r.tex).not.toContain('{?}');
  expectValidTex(r.tex);
  return r.tex;
}

/** The rows under the loss: the distributions, sampling, networks and data. */
const rowsOf = (tex: string) => tex.split(' \\\\\n').filter((r) => !r.startsWith('\\mathcal{L}') && !r.startsWith('\\begin'));

const W_RATIO = '\\frac{p(x_n \\mid z_{n,j})\\, p(z_{n,j})}{q(z_{n,j} \\mid x_n)}';
const LOG_W = '\\log p(x_n \\mid z_{n,j}) + \\log p(z_{n,j}) - \\log q(z_{n,j} \\mid x_n)';

describe('an IWAE built from parts', () => {
  it('reads as the IWAE: minus log of the mean over J of p(x|z) p(z) / q(z|x), averaged over the batch', () => {
    const t = formula(partsGraph('iwae', 5));
    expect(t).toContain(`\\mathcal{L} &= \\frac{1}{B}\\sum_{n=1}^{B} \\underbrace{-\\log \\frac{1}{5} \\sum_{j=1}^{5} ${W_RATIO}}`);
    expect(t).toContain('\\text{IWAE');
    // The built-in IWAE's term, as objectiveFormula.test.ts pins it for importance-sampling.json.
    expect(t).toContain(`-\\log \\frac{1}{5} \\sum_{j=1}^{5} ${W_RATIO}`);
  });

  it('writes the model underneath exactly as the built-in IWAE does', () => {
    const parts = rowsOf(formula(partsGraph('iwae', 5)));
    const builtIn = rowsOf(formula(fixtureGraph('iwaeLoss', 5)));
    expect(parts).toEqual(builtIn);
    expect(parts.join('\n')).toContain('j = 1, \\dots, 5');
  });

  it('follows J on the sampler', () => {
    const t = formula(withParams(partsGraph('iwae', 5), 'sampler', { samples: 50 }));
    expect(t).toContain('-\\log \\frac{1}{50} \\sum_{j=1}^{50}');
    const one = formula(withParams(partsGraph('iwae', 5), 'sampler', { samples: 1 }));
    expect(one).toContain('\\log \\frac{p(x_n \\mid z_{n})\\, p(z_{n})}{q(z_{n} \\mid x_n)}');
    expect(one).not.toContain('\\sum_{j=1}');
  });

  it('turns into the ELBO when the reduction is switched to the mean (Jensen)', () => {
    const t = formula(withParams(partsGraph('iwae', 5), 'reduce', { op: 'mean' }));
    expect(t).toContain(`\\frac{1}{B}\\sum_{n=1}^{B} \\underbrace{-\\frac{1}{5}\\sum_{j=1}^{5} \\big[${LOG_W}\\big]}`);
    expect(t).not.toContain('\\log \\frac{1}{5}');
    expect(t).not.toContain('\\exp');
    expect(t).not.toContain(W_RATIO);
    expect(t).toContain('\\text{ELBO');
    expect(t).not.toContain('\\text{IWAE');
  });

  it('writes a log-mean-exp of a term with no ratio structure as log (1/J) Σ exp', () => {
    // The coefficient 2 on log q makes the sum no longer a ratio of densities.
    const t = formula(withParams(partsGraph('iwae', 5), 'logW', { wc: -2 }));
    expect(t).toContain('\\log \\frac{1}{5}\\sum_{j=1}^{5} \\exp\\big(\\log p(x_n \\mid z_{n,j}) + \\log p(z_{n,j}) - 2\\,\\log q(z_{n,j} \\mid x_n)\\big)');
    expect(t).not.toContain('\\text{IWAE');
  });
});

describe('an ELBO with an analytic KL from parts', () => {
  const KL = '\\mathrm{KL}\\big(q(z \\mid x_n)\\,\\big\\|\\,p(z)\\big)';

  it('writes the KL as the built-in ELBO does, subtracted once', () => {
    const t = formula(partsGraph('klElbo', 5, { reduceFirst: true }));
    expect(t).toContain(`\\frac{1}{5}\\sum_{j=1}^{5} \\log p(x_n \\mid z_{n,j}) - ${KL}`);
    expect(formula(fixtureGraph('elboLoss', 5))).toContain(KL);
  });

  it('a KL reduced over samples is the KL itself: it does not depend on j', () => {
    const doc = partsGraph('klElbo', 5, { reduceFirst: true });
    doc.nodes.push({ id: 'reduceKl', kind: 'reduceSamples', params: { op: 'mean' }, position: { x: 0, y: 0 } });
    doc.edges = doc.edges.filter((e) => !(e.source === 'kl' && e.target === 'elbo'));
    doc.edges.push({ id: 'kl-reduceKl', source: 'kl', sourcePort: 'term', target: 'reduceKl', targetPort: 'term' }, { id: 'reduceKl-elbo', source: 'reduceKl', sourcePort: 'term', target: 'elbo', targetPort: 'b' });
    const t = formula(doc);
    expect(t).toContain(`\\frac{1}{5}\\sum_{j=1}^{5} \\log p(x_n \\mid z_{n,j}) - ${KL}`);
    expect(t.match(/\\sum_\{j=1\}/g)).toHaveLength(1);
  });

  it('shows β on the KL', () => {
    const t = formula(partsGraph('klElbo', 5, { beta: 4 }));
    expect(t).toContain(`\\log p(x_n \\mid z_{n,j}) - 4\\,${KL}`);
    expect(t).toContain('\\beta\\text{-VAE},\\ \\beta = 4');
  });

  it('shows a warm-up as its factor min(1, t/N) and says what t counts', () => {
    const epochs = formula(partsGraph('klElbo', 5, { beta: 4, warmUp: { unit: 'epochs', length: 10 } }));
    expect(epochs).toContain(`- 4\\,\\min\\!\\big(1, \\tfrac{t}{10}\\big)\\,${KL}`);
    expect(epochs).toContain('t\\colon \\text{epochs of training done; the warm-up lasts } 10 \\text{ epochs}');
    const steps = formula(partsGraph('klElbo', 5, { warmUp: { unit: 'steps', length: 500 } }));
    expect(steps).toContain(`- \\min\\!\\big(1, \\tfrac{t}{500}\\big)\\,${KL}`);
    expect(steps).toContain('optimizer steps');
  });
});

describe('gradient estimators from parts', () => {
  it('STL: log q with its parameters held fixed, q_⊥, explained under the formula', () => {
    const t = formula(partsGraph('stl', 5));
    expect(t).toContain('- \\log q_{\\bot}(z_{n,j} \\mid x_n)\\big]');
    expect(t).toContain('q_{\\bot}\\colon q \\text{ with its parameters held fixed');
    expect(t).toContain('sticking the landing');
  });

  it('DReG: two objectives, each with what it trains, the reported one marked, w̃² and the named log weight', () => {
    const t = formula(partsGraph('dreg', 5));
    expect(t).toContain(`\\mathcal{L}_{\\text{dec}} &= \\frac{1}{B}\\sum_{n=1}^{B} \\underbrace{-\\log \\frac{1}{5} \\sum_{j=1}^{5} ${W_RATIO}}`);
    expect(t).toContain('\\text{(trains the decoder and the prior; reported)}');
    expect(t).toContain('\\mathcal{L}_{\\text{enc}} &= \\frac{1}{B}\\sum_{n=1}^{B} \\underbrace{-\\sum_{j=1}^{5} \\tilde w_{n,j}^{2}\\, \\log w_{n,j}}');
    expect(t).toContain('\\text{(trains the encoder)}');
    expect(t).toContain('\\log w_{n,j} = \\log p(x_n \\mid z_{n,j}) + \\log p(z_{n,j}) - \\log q_{\\bot}(z_{n,j} \\mid x_n)');
    expect(t).toContain('\\tilde w_{n,j} = \\bot\\Big(\\operatorname{softmax}_j\\big(\\log w_{n,j}\\big)\\Big)');
    expect(t).toContain('\\bot(\\cdot)\\colon');
    expect(t.match(/\\text\{where\}/g)).toHaveLength(1);
  });

  it('reweighted wake-sleep: the samples held fixed inside log q show as ⊥(z)', () => {
    const t = formula(partsGraph('rws', 5));
    expect(t).toContain('\\sum_{j=1}^{5} \\tilde w_{n,j}\\, \\log q(\\bot(z_{n,j}) \\mid x_n)');
    expect(t).toContain('\\bot(\\cdot)\\colon \\text{held fixed');
  });

  it('weights not held fixed are written without ⊥', () => {
    const t = formula(withParams(partsGraph('dreg', 5), 'weights', { holdFixed: false }));
    expect(t).toContain('\\tilde w_{n,j} = \\operatorname{softmax}_j\\big(\\log w_{n,j}\\big)');
  });

  it('a single scoped objective says what it trains', () => {
    const t = formula(withParams(partsGraph('iwae', 5), 'objective', { scope: 'encoder' }));
    expect(t).toContain('\\mathcal{L}_{\\text{enc}} &=');
    expect(t).toContain('\\text{(trains the encoder)}');
    expect(t).not.toContain('reported');
  });
});

describe('an autoencoder from parts', () => {
  it('writes both densities at the point estimate ẑ_n = g(x_n), with no sum over samples', () => {
    const t = formula(partsGraph('autoencoder', 1));
    expect(t).toContain('\\frac{1}{B}\\sum_{n=1}^{B} \\underbrace{-\\big[\\log p(x_n \\mid \\hat z_n) + \\log p(\\hat z_n)\\big]}');
    expect(t).toContain('\\hat z_n = g(x_{n})');
    expect(t).not.toContain('\\sum_{j=1}');
    expect(t).not.toContain('\\varepsilon');
  });
});

describe('incomplete graphs built from parts', () => {
  it('every single missing edge still yields valid TeX, and never "no formula"', () => {
    for (const name of ['iwae', 'klElbo', 'dreg', 'rws', 'autoencoder'] as const) {
      const doc = partsGraph(name, 5);
      for (const cut of doc.edges) {
        const r = objectiveFormula({ ...doc, edges: doc.edges.filter((e) => e !== cut) });
        expectValidTex(r.tex);
        expect(r.problems.join(' '), `${name} without ${cut.id}`).not.toMatch(/no formula/i);
        expect(r.tex).toContain('\\frac{1}{B}\\sum_{n=1}^{B}');
      }
    }
  });

  it('an unconnected objective says what to connect', () => {
    const doc = partsGraph('iwae', 5);
    const r = objectiveFormula({ ...doc, edges: doc.edges.filter((e) => e.target !== 'objective') });
    expect(r.problems.some((p) => p.startsWith('Connect a term to objective'))).toBe(true);
    expect(r.tex).toContain('{?}');
  });
});
