// The sweep's pure core: --set parsing, node resolution (id, label, ambiguous, missing), the
// values read by each kind's schema, the grid, each cell's graph, the aggregates against hand
// numbers, and the tables.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { parseGraphText } from '../graph/parse';
import type { GraphDoc } from '../graph/document';
import { analyzeGraph } from '../compiler/analyze';
import { swapEstimator } from '../variants/variants';
import { SweepError, parseSetArg, splitValues } from './spec';
import { resolveAxes, resolveNode, type Axis } from './resolve';
import { cellLabel, gridOf, runsOf } from './grid';
import { applyAll, applyCell } from './apply';
import { cellStatus, etaSeconds, stat, summarize, type RunOutcome } from './aggregate';
import { formatStat, markdownTable, runsCsv, sweepCsv, sweepJson } from './tables';

function graph(name: string): GraphDoc {
  const r = parseGraphText(readFileSync(`graphs/${name}.json`, 'utf8'));
  if (!r.ok) throw new Error(r.errors.join(' '));
  return r.doc;
}
const axesOf = (doc: GraphDoc, ...sets: string[]) => resolveAxes(doc, sets.map(parseSetArg));
const refusal = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(SweepError);
    return (e as Error).message;
  }
  throw new Error('expected a SweepError');
};

describe('--set parsing', () => {
  it('splits NODE.PARAM=values, labels with dots, spaces, commas and "=" included', () => {
    expect(parseSetArg('sampler.samples=1,5,50')).toEqual({ arg: 'sampler.samples=1,5,50', node: 'sampler', param: 'samples', values: ['1', '5', '50'] });
    expect(parseSetArg('Prior p(z) = N(0, I).dim=2,3')).toMatchObject({ node: 'Prior p(z) = N(0, I)', param: 'dim', values: ['2', '3'] });
    expect(parseSetArg('dec.hidden=[400,200],[64]').values).toEqual(['[400,200]', '[64]']);
    expect(splitValues(' a , b ')).toEqual(['a', 'b']);
  });

  it('refuses a malformed argument, an empty value and a value given twice, naming the argument', () => {
    expect(refusal(() => parseSetArg('samples=1,2'))).toMatch(/^--set samples=1,2: expected NODE\.PARAM=v1,v2/);
    expect(refusal(() => parseSetArg('sampler.samples=1,,2'))).toMatch(/--set sampler\.samples=1,,2: value 2 is empty/);
    expect(refusal(() => parseSetArg('sampler.samples=1,1'))).toMatch(/the value 1 is given twice/);
  });
});

describe('resolving nodes and params', () => {
  const doc = graph('linear-vae');

  it('finds a node by id, or by its label (exact, case-insensitive)', () => {
    expect(resolveNode(doc, 'sampler', 'x').id).toBe('sampler');
    expect(resolveNode(doc, 'Z ~ Q(Z|X)', 'x').id).toBe('sampler');
    expect(resolveNode(doc, 'encoder mean', 'x').id).toBe('encMean');
    // Not a substring match.
    expect(refusal(() => resolveNode(doc, 'Encoder', 'Encoder.units=2'))).toMatch(/^--set Encoder\.units=2: no node has the id or label "Encoder"; the nodes are data \("Correlated data"\), encMean \("Encoder mean"\)/);
  });

  it('refuses an ambiguous label, naming the ids', () => {
    const twin = structuredClone(doc);
    twin.nodes.find((n) => n.id === 'encLogvar')!.label = 'encoder MEAN';
    expect(refusal(() => axesOf(twin, 'Encoder mean.units=2,3'))).toMatch(/^--set Encoder mean\.units=2,3: the label "Encoder mean" names 2 nodes \(encMean, encLogvar\); use one of their ids\.$/);
  });

  it('reads values with the kind\'s schema: numbers, strings, booleans', () => {
    const axes = axesOf(doc, 'sampler.samples=1,5', 'sampler.mode=reparam,mean', 'dec.bias=true,false', 'dec.units=data,10');
    expect(axes.map((a) => [a.name, a.nodeId, a.param])).toEqual([
      ['sampler.samples', 'sampler', 'samples'],
      ['sampler.mode', 'sampler', 'mode'],
      ['dec.bias', 'dec', 'bias'],
      ['dec.units', 'dec', 'units'],
    ]);
    const [first] = applyAll(doc, axes, gridOf(axes));
    expect(first.ok && first.doc.nodes.find((n) => n.id === 'dec')!.params).toEqual({ units: 'data', bias: true });
    const last = applyCell(doc, axes, gridOf(axes).at(-1)!);
    expect(last.ok && last.doc.nodes.find((n) => n.id === 'sampler')!.params).toEqual({ samples: 5, mode: 'mean' });
    expect(last.ok && last.doc.nodes.find((n) => n.id === 'dec')!.params).toEqual({ units: 10, bias: false });
  });

  it('refuses a param the kind does not have, listing those it has', () => {
    expect(refusal(() => axesOf(doc, 'sampler.foo=1'))).toBe('--set sampler.foo=1: foo is not a param of a sampler node (Sampler); its params are samples, mode.');
  });

  it('refuses a value the schema refuses, naming the argument, the value and the schema\'s message', () => {
    expect(refusal(() => axesOf(doc, 'sampler.samples=1,abc'))).toMatch(/^--set sampler\.samples=1,abc: the value "abc" is refused by the samples param of node sampler \("z ~ q\(z\|x\)"\): Invalid input: expected number, received string\.$/);
    expect(refusal(() => axesOf(doc, 'sampler.samples=2.5'))).toMatch(/the value "2\.5" is refused .*expected int/);
    expect(refusal(() => axesOf(doc, 'loss.kl=mc,exact'))).toMatch(/the value "exact" is refused by the kl param of node loss .*"analytic"\|"mc"/);
    // The schema holds a graph file's limits.
    expect(refusal(() => axesOf(doc, 'sampler.samples=20000'))).toMatch(/the value "20000" is refused .*Too big/);
  });

  it('allows kind only on the loss the variants menu swaps, and only estimators', () => {
    expect(refusal(() => axesOf(doc, 'sampler.kind=elboLoss'))).toMatch(/only the graph's loss can change kind .*node loss \("Negative ELBO"\)/);
    expect(refusal(() => axesOf(doc, 'loss.kind=elboLoss,vampLoss'))).toMatch(/"vampLoss" is not an estimator; the estimators are .*iwaeLoss/);
    expect(refusal(() => axesOf(doc, 'loss.kind=iwaeLoss', 'Negative ELBO.kind=elboLoss'))).toMatch(/^--set Negative ELBO\.kind=elboLoss: the kind of node loss \("Negative ELBO"\) is already swept by --set loss\.kind=iwaeLoss/);
  });
});

describe('the grid and each cell', () => {
  const doc = graph('linear-vae');

  it('is the cross product, the first --set varying slowest, each cell once per seed', () => {
    const axes = axesOf(doc, 'sampler.samples=1,5,50', 'loss.kind=elboLoss,iwaeLoss');
    const cells = gridOf(axes);
    expect(cells.map((c) => c.values)).toEqual([
      ['1', 'elboLoss'],
      ['1', 'iwaeLoss'],
      ['5', 'elboLoss'],
      ['5', 'iwaeLoss'],
      ['50', 'elboLoss'],
      ['50', 'iwaeLoss'],
    ]);
    expect(cellLabel(axes, cells[3])).toBe('sampler.samples=5, loss.kind=iwaeLoss');
    expect(runsOf(cells, [1, 2, 3]).map((r) => `${r.cell.index}/${r.seed}`).slice(0, 4)).toEqual(['0/1', '0/2', '0/3', '1/1']);
    expect(gridOf([])).toEqual([{ index: 0, values: [] }]);
  });

  it('swaps the estimator exactly as the variants menu does, then sets the params (an explicit J wins)', () => {
    const axes = axesOf(doc, 'loss.kind=elboLoss,iwaeLoss', 'sampler.samples=1,3');
    const applied = applyAll(doc, axes, gridOf(axes));
    // elboLoss is the graph's own loss: the cell is the graph with J set.
    expect(applied[0].ok && applied[0].doc).toEqual({ ...doc, nodes: doc.nodes });
    const swapped = swapEstimator(doc, 'iwaeLoss')!;
    // The swap brings J = 5 along; the cell's own J replaces it.
    expect(swapped.nodes.find((n) => n.id === 'sampler')!.params.samples).toBe(5);
    const iwae1 = applied[2];
    expect(iwae1.ok && iwae1.doc.nodes.find((n) => n.id === 'loss')).toMatchObject({ kind: 'iwaeLoss', params: {} });
    expect(iwae1.ok && iwae1.doc.nodes.find((n) => n.id === 'sampler')!.params.samples).toBe(1);
    expect(iwae1.ok && iwae1.doc.edges).toEqual(swapped.edges);
    for (const a of applied) expect(a.ok && analyzeGraph(a.doc).errors).toEqual([]);
    // The graph itself is never changed.
    expect(doc.nodes.find((n) => n.id === 'sampler')!.params.samples).toBe(1);
  });

  it('fails a cell whose swap does not apply, and the cells of a param the swapped-in kind lacks; the others stand', () => {
    const ppca = graph('ppca');
    const axes = axesOf(ppca, 'loss.kind=exactNll,autoencoderLoss,mcPriorLoss');
    const [exact, ae, mc] = applyAll(ppca, axes, gridOf(axes));
    expect(exact.ok && mc.ok).toBe(true);
    expect(ae).toEqual({ ok: false, invalid: false, reason: expect.stringMatching(/^loss\.kind=autoencoderLoss: the estimator cannot be swapped to autoencoderLoss \(.*needs an encoder q\(z\|x\)/) });

    const kl = axesOf(doc, 'loss.kind=elboLoss,iwaeLoss', 'loss.kl=analytic,mc');
    const cells = applyAll(doc, kl, gridOf(kl));
    expect(cells.map((c) => c.ok)).toEqual([true, true, false, false]);
    expect(!cells[2].ok && cells[2].reason).toMatch(/^loss\.kl=analytic: kl is not a param of a iwaeLoss node/);
  });

  it('refuses before training a value the swapped-in kind refuses', () => {
    const kl = axesOf(doc, 'loss.kind=iwaeLoss,elboLoss', 'loss.kl=mc,bogus');
    expect(refusal(() => applyAll(doc, kl, gridOf(kl)))).toMatch(/^--set loss\.kl=mc,bogus: the value "bogus" is refused by the kl param of node loss \(as elboLoss\)/);
  });
});

const run = (cell: number, seed: number, trainLoss: number, testLoss: number, testNll: number, seconds: number): RunOutcome => ({
  cell,
  seed,
  status: 'ok',
  seconds,
  final: { trainLoss, testLoss, testNll, testNllMethod: 'exact' },
});

describe('aggregates', () => {
  it('mean and sample sd (n − 1) against hand numbers; no sd for one seed', () => {
    const s = stat([1, 2, 3, 4])!;
    expect(s.mean).toBe(2.5);
    expect(s.sd).toBeCloseTo(Math.sqrt(5 / 3), 12); // (2.25 + 0.25 + 0.25 + 2.25) / 3
    expect(stat([10, 14])).toEqual({ mean: 12, sd: Math.sqrt(8), n: 2 });
    expect(stat([7])).toEqual({ mean: 7, sd: undefined, n: 1 });
    expect(stat([NaN, 3, Infinity, 5])).toEqual({ mean: 4, sd: Math.sqrt(2), n: 2 });
    expect(stat([])).toBeUndefined();
  });

  it('counts only finished runs, and says what went wrong in one line', () => {
    const cells = gridOf(axesOf(graph('linear-vae'), 'sampler.samples=1,2,3'));
    const runs: RunOutcome[] = [
      run(0, 1, 10, 11, 12, 2),
      run(0, 2, 14, 13, 16, 4),
      run(1, 1, 20, 21, 22, 3),
      { cell: 1, seed: 2, status: 'diverged', reason: 'Training diverged: the loss became NaN.', seconds: 1, epochs: 2 },
    ];
    const [a, b, c] = summarize(cells, runs, 2);
    expect(a.stats.trainLoss).toEqual({ mean: 12, sd: Math.sqrt(8), n: 2 });
    expect(a.stats.testLoss).toEqual({ mean: 12, sd: Math.sqrt(2), n: 2 });
    expect(a.stats.testNll).toEqual({ mean: 14, sd: Math.sqrt(8), n: 2 });
    expect(a.seconds).toEqual({ mean: 3, sd: Math.sqrt(2), n: 2 });
    expect(a.status).toBe('ok');
    expect(b.stats.trainLoss).toEqual({ mean: 20, sd: undefined, n: 1 });
    expect(b.seconds!.mean).toBe(2);
    expect(b.status).toBe('seed 2 diverged: Training diverged: the loss became NaN.');
    expect(c.status).toBe('not run');
    expect(c.stats.trainLoss).toBeUndefined();
    const failed = (seed: number): RunOutcome => ({ cell: 0, seed, status: 'failed', reason: 'no' });
    expect(cellStatus([failed(1), failed(2)], 2)).toBe('failed: no');
    expect(cellStatus([failed(1)], 3)).toBe('seed 1 failed: no; 2 of 3 seeds not run');
    expect(etaSeconds([2, 4], 5)).toBe(15);
  });
});

describe('tables', () => {
  const doc = graph('linear-vae');
  const axes: Axis[] = axesOf(doc, 'sampler.samples=1,5', 'loss.kind=elboLoss,iwaeLoss');
  const cells = gridOf(axes);
  const runs: RunOutcome[] = [
    run(0, 1, 10, 11, 12, 2),
    run(0, 2, 14, 13, 16, 4),
    run(1, 1, 20.5, 21, 22, 3),
    { cell: 2, seed: 1, status: 'failed', reason: 'graph.json: node "q": a | b' },
  ];
  const summary = summarize(cells, runs, 2);

  it('formats mean ± sd (n seeds)', () => {
    expect(formatStat({ mean: 12, sd: Math.sqrt(8), n: 2 })).toBe('12.0000 ± 2.8284 (2 seeds)');
    expect(formatStat({ mean: 7, sd: undefined, n: 1 })).toBe('7.0000 ± — (1 seed)');
    expect(formatStat({ mean: 7, sd: 0.00002, n: 3 })).toBe('7.0000 ± 2.00e-5 (3 seeds)');
    expect(formatStat(undefined)).toBe('—');
  });

  it('writes the Markdown table: one row per cell', () => {
    expect(markdownTable(axes, summary)).toBe(
      [
        '| sampler.samples | loss.kind | train loss | test loss | held-out NLL | time per run (s) | status |',
        '| --- | --- | --- | --- | --- | --- | --- |',
        '| 1 | elboLoss | 12.0000 ± 2.8284 (2 seeds) | 12.0000 ± 1.4142 (2 seeds) | 14.0000 ± 2.8284 (2 seeds) | 3.0 | ok |',
        '| 1 | iwaeLoss | 20.5000 ± — (1 seed) | 21.0000 ± — (1 seed) | 22.0000 ± — (1 seed) | 3.0 | 1 of 2 seeds not run |',
        '| 5 | elboLoss | — | — | — | — | seed 1 failed: graph.json: node "q": a \\| b; 1 of 2 seeds not run |',
        '| 5 | iwaeLoss | — | — | — | — | not run |',
        '',
        'Losses in nats per example, mean ± sample sd over the seeds that finished. Held-out NLL: exact.',
      ].join('\n'),
    );
  });

  it('writes sweep.csv (mean and sd columns, sd blank for one seed) and runs.csv (one row per cell and seed)', () => {
    const s = Papa.parse<Record<string, string>>(sweepCsv(axes, summary).trim(), { header: true }).data;
    expect(s).toHaveLength(4);
    expect(s[0]).toMatchObject({ cell: '1', 'sampler.samples': '1', 'loss.kind': 'elboLoss', trainLoss_mean: '12', trainLoss_n: '2', testNll_mean: '14', status: 'ok' });
    expect(Number(s[0].trainLoss_sd)).toBeCloseTo(Math.sqrt(8), 12);
    expect(s[1]).toMatchObject({ trainLoss_mean: '20.5', trainLoss_sd: '', trainLoss_n: '1' });
    expect(s[2]).toMatchObject({ trainLoss_mean: '', trainLoss_n: '0', status: 'seed 1 failed: graph.json: node "q": a | b; 1 of 2 seeds not run' });
    const r = Papa.parse<Record<string, string>>(runsCsv(axes, summary).trim(), { header: true }).data;
    expect(r.map((x) => [x.cell, x.seed, x.status, x.trainLoss])).toEqual([
      ['1', '1', 'ok', '10'],
      ['1', '2', 'ok', '14'],
      ['2', '1', 'ok', '20.5'],
      ['3', '1', 'failed', ''],
    ]);
  });

  it('writes sweep.json: the grid, the runs and the aggregates', () => {
    const j = sweepJson({ graph: '/g.json', title: 't', seeds: [1, 2], flags: { epochs: 1 }, stopped: false }, axes, summary);
    expect(j.grid).toEqual({
      axes: [
        { set: 'sampler.samples=1,5', name: 'sampler.samples', node: 'sampler', param: 'samples', values: ['1', '5'] },
        { set: 'loss.kind=elboLoss,iwaeLoss', name: 'loss.kind', node: 'loss', param: 'kind', values: ['elboLoss', 'iwaeLoss'] },
      ],
      seeds: [1, 2],
      cells: 4,
      runs: 8,
    });
    expect(j.cells[1]).toMatchObject({ cell: 2, values: { 'sampler.samples': '1', 'loss.kind': 'iwaeLoss' }, aggregates: { trainLoss: { mean: 20.5, sd: null, n: 1 }, testNll: { mean: 22, sd: null, n: 1 } } });
    expect(JSON.parse(JSON.stringify(j)).cells[2].aggregates.trainLoss).toBeNull();
  });
});
