// Every condition kind, true and false, on the lecture graphs and hand-made run records; and
// the evaluator never throws, whatever the document.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGraphText, serializeGraph } from '../graph/parse';
import type { GraphDoc } from '../graph/document';
import { structureKey } from '../graph/structureKey';
import { fixtureGraph } from '../testing/linearGaussianFixture';
import { estimatorMatches, evaluateTask, runEstimatorName, type TaskRun } from './evaluate';
import type { Condition } from './schema';

function graph(name: string): GraphDoc {
  const r = parseGraphText(readFileSync(new URL(`../../graphs/${name}.json`, import.meta.url), 'utf8'), name);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.doc;
}

let t = 1000;
/** A finished run of `doc`, as the run recorder would store it. */
function runOf(doc: GraphDoc, final: { trainLoss: number; testLoss: number; testNll: number }, extra: Partial<TaskRun> = {}): TaskRun {
  t += 1;
  return {
    id: `run-${t}`,
    createdAt: t,
    docJson: serializeGraph(doc),
    status: 'finished',
    final: { ...final, testNllMethod: 'exact' },
    graphTitle: doc.meta.title,
    graphKey: structureKey(doc),
    ...extra,
  };
}

const one = (c: Condition, doc: GraphDoc, runs: TaskRun[] = []) => {
  const r = evaluateTask({ conditions: [c] }, { doc, runs });
  expect(r.conditions).toHaveLength(1);
  expect(r.conditions[0].sentence.length).toBeGreaterThan(10);
  expect(r.done).toBe(r.conditions[0].ok);
  return r.conditions[0];
};

const withParam = (doc: GraphDoc, id: string, params: Record<string, unknown>): GraphDoc => ({
  ...doc,
  nodes: doc.nodes.map((n) => (n.id === id ? { ...n, params: { ...n.params, ...params } } : n)),
});

describe('nodeExists', () => {
  it('holds when the graph has the kind (and label, and count)', () => {
    expect(one({ kind: 'nodeExists', nodeKind: 'sampler' }, graph('ppca')).ok).toBe(true);
    expect(one({ kind: 'nodeExists', nodeKind: 'gaussian', min: 2 }, graph('ppca')).ok).toBe(true);
    expect(one({ kind: 'nodeExists', nodeKind: 'gaussian', label: 'q(Z|X)' }, graph('importance-sampling')).ok).toBe(true);
  });
  it('fails, saying what is missing', () => {
    const r = one({ kind: 'nodeExists', nodeKind: 'iwaeLoss' }, graph('ppca'));
    expect(r.ok).toBe(false);
    expect(r.sentence).toMatch(/^No .+ yet: add one from the palette/);
    expect(one({ kind: 'nodeExists', nodeKind: 'gaussian', min: 3 }, graph('ppca')).sentence).toMatch(/2 of 3 .* add 1 more/);
    expect(one({ kind: 'nodeExists', nodeKind: 'gaussian', label: 'q(z|x)' }, graph('ppca')).ok).toBe(false);
  });
  it('counts the nodes inside a block', () => {
    const doc = graph('ppca');
    const blocked: GraphDoc = {
      ...doc,
      nodes: [...doc.nodes.filter((n) => n.id !== 'sampler'), { id: 'b', kind: 'block', params: { block: 'B' }, position: { x: 0, y: 0 } }],
      edges: doc.edges.filter((e) => e.source !== 'sampler' && e.target !== 'sampler'),
      blocks: { B: { title: 'B', nodes: [doc.nodes.find((n) => n.id === 'sampler')!], edges: [], inputs: [], outputs: [] } },
    };
    // Whether or not this block flattens cleanly, checking it never throws.
    expect(() => one({ kind: 'nodeExists', nodeKind: 'sampler' }, blocked)).not.toThrow();
  });
});

describe('edgeExists', () => {
  it('holds for a connection by kind, id or label, with or without ports', () => {
    const doc = graph('importance-sampling');
    expect(one({ kind: 'edgeExists', from: { nodeKind: 'gaussian', label: 'q(z|x)' }, fromPort: 'dist', to: { nodeKind: 'sampler' }, toPort: 'dist' }, doc).ok).toBe(true);
    expect(one({ kind: 'edgeExists', from: { id: 'sampler' }, to: { nodeKind: 'iwaeLoss' }, toPort: 'z' }, doc).ok).toBe(true);
    expect(one({ kind: 'edgeExists', from: { label: 'prior' }, to: { id: 'loss' } }, doc).ok).toBe(true);
  });
  it('fails when the nodes exist but are not connected that way, or a node is missing', () => {
    const mc = graph('mc-prior');
    // The lecture's step: the sampler draws from the prior, not from q(z|x).
    const fromQ: Condition = { kind: 'edgeExists', from: { nodeKind: 'gaussian', label: 'q(z|x)' }, fromPort: 'dist', to: { nodeKind: 'sampler' }, toPort: 'dist' };
    const r = one(fromQ, mc);
    expect(r.ok).toBe(false);
    expect(r.sentence).toMatch(/^No Gaussian “q\(z\|x\)” yet: add it, then connect/);
    const is = graph('importance-sampling');
    const wrongPort = one({ kind: 'edgeExists', from: { id: 'prior' }, fromPort: 'dist', to: { id: 'sampler' }, toPort: 'dist' }, is);
    expect(wrongPort.ok).toBe(false);
    expect(wrongPort.sentence).toMatch(/^Nothing connects .* yet/);
    expect(one({ kind: 'edgeExists', from: { id: 'sampler' }, fromPort: 'z', to: { id: 'loss' }, toPort: 'x' }, is).ok).toBe(false);
  });
});

describe('param', () => {
  const ppca = graph('ppca');
  it('holds for an equal value or a value in range, defaults included', () => {
    expect(one({ kind: 'param', node: { id: 'prior' }, param: 'dim', equals: 2 }, ppca).ok).toBe(true);
    expect(one({ kind: 'param', node: { nodeKind: 'sampler' }, param: 'mode', equals: 'reparam' }, ppca).ok).toBe(true);
    expect(one({ kind: 'param', node: { nodeKind: 'linear' }, param: 'bias', equals: true }, ppca).ok).toBe(true);
    expect(one({ kind: 'param', node: { nodeKind: 'sampler' }, param: 'samples', min: 1, max: 3 }, ppca).ok).toBe(true);
    // A param the node does not set reads as the kind's default (the linear-VAE's ELBO sets kl; a bare one does not).
    const elbo = fixtureGraph('elboLoss', 1);
    const loss = elbo.nodes.find((n) => n.id === 'loss')!;
    delete loss.params.kl;
    expect(one({ kind: 'param', node: { id: 'loss' }, param: 'kl', equals: 'analytic' }, elbo).ok).toBe(true);
  });
  it('fails for another value, out of range, a missing node or a non-number in a range', () => {
    const r = one({ kind: 'param', node: { id: 'prior' }, param: 'dim', equals: 4 }, ppca);
    expect(r.ok).toBe(false);
    expect(r.sentence).toMatch(/has Dimension 2, not yet 4: set it in the inspector|has .* 2, not yet 4/);
    expect(one({ kind: 'param', node: { nodeKind: 'sampler' }, param: 'samples', min: 5 }, ppca).sentence).toMatch(/not yet at least 5/);
    expect(one({ kind: 'param', node: { nodeKind: 'iwaeLoss' }, param: 'samples', min: 5 }, ppca).ok).toBe(false);
    expect(one({ kind: 'param', node: { nodeKind: 'sampler' }, param: 'mode', min: 0 }, ppca).ok).toBe(false);
    expect(one({ kind: 'param', node: { id: 'prior' }, param: 'dim', equals: '2' }, ppca).ok).toBe(false);
  });
  it('holds once the learner edits the param (PPCA with a 4-D latent)', () => {
    const c: Condition = { kind: 'param', node: { nodeKind: 'gaussian', label: 'prior' }, param: 'dim', equals: 4 };
    expect(one(c, ppca).ok).toBe(false);
    expect(one(c, withParam(ppca, 'prior', { dim: 4 })).ok).toBe(true);
  });
});

describe('runMetric', () => {
  const ppca = graph('ppca');
  const c: Condition = { kind: 'runMetric', metric: 'testNll', below: 15 };
  it('holds when the latest finished run of this graph is below', () => {
    expect(one(c, ppca, [runOf(ppca, { trainLoss: 14, testLoss: 14.5, testNll: 14.5 })]).ok).toBe(true);
    expect(one({ kind: 'runMetric', metric: 'trainLoss', above: 10, below: 20 }, ppca, [runOf(ppca, { trainLoss: 14, testLoss: 14.5, testNll: 14.5 })]).ok).toBe(true);
  });
  it('fails with no run, a run above, an unfinished run, a run of another graph or of an earlier version', () => {
    expect(one(c, ppca, []).sentence).toMatch(/No finished run of this graph yet: press Train/);
    expect(one(c, ppca, [runOf(ppca, { trainLoss: 16, testLoss: 16, testNll: 16 })]).sentence).toMatch(/not yet below 15\.00 nats/);
    expect(one(c, ppca, [runOf(ppca, { trainLoss: 1, testLoss: 1, testNll: 1 }, { status: 'running' })]).ok).toBe(false);
    expect(one(c, ppca, [runOf(graph('linear-vae'), { trainLoss: 1, testLoss: 1, testNll: 1 })]).ok).toBe(false);
    const edited = withParam(ppca, 'prior', { dim: 3 });
    expect(one(c, edited, [runOf(ppca, { trainLoss: 1, testLoss: 1, testNll: 1 })]).ok).toBe(false);
  });
  it('reads the latest run, not the best', () => {
    const good = runOf(ppca, { trainLoss: 1, testLoss: 1, testNll: 1 });
    const bad = runOf(ppca, { trainLoss: 20, testLoss: 20, testNll: 20 });
    expect(one(c, ppca, [good, bad]).ok).toBe(false);
    expect(one(c, ppca, [bad, { ...good, createdAt: bad.createdAt + 1 }]).ok).toBe(true);
  });
});

describe('nearExact', () => {
  const vae = graph('linear-vae');
  const closedForm = { trainNll: 13.9, testNll: 14.0, sigma2: 0.09 };
  const c: Condition = { kind: 'nearExact', within: 0.5 };
  it('holds when the reported loss is within Y nats of the exact NLL', () => {
    expect(one(c, vae, [runOf(vae, { trainLoss: 14.1, testLoss: 14.3, testNll: 14.0 }, { closedForm })]).ok).toBe(true);
    expect(one({ kind: 'nearExact', within: 0.25, on: 'train' }, vae, [runOf(vae, { trainLoss: 14.1, testLoss: 19, testNll: 14.0 }, { closedForm })]).ok).toBe(true);
  });
  it('fails when it is farther, when the run has no exact value, or with no run', () => {
    const far = one(c, vae, [runOf(vae, { trainLoss: 15, testLoss: 15.2, testNll: 14.0 }, { closedForm })]);
    expect(far.ok).toBe(false);
    expect(far.sentence).toMatch(/1\.20 nats from the exact NLL 14\.00 nats: not yet within 0\.50 nats/);
    expect(one(c, vae, [runOf(vae, { trainLoss: 14, testLoss: 14, testNll: 14 })]).sentence).toMatch(/no exact NLL/);
    expect(one(c, vae, []).ok).toBe(false);
  });
});

describe('boundOrder', () => {
  const is = graph('importance-sampling');
  // The same graph with J = 1 and the ELBO: a variant of it, by title.
  const iwae1 = withParam(is, 'sampler', { samples: 1 });
  const c: Condition = { kind: 'boundOrder', tighter: 'IWAE, J=5', looser: 'IWAE, J=1' };
  it('names runs by estimator as the runs panel does', () => {
    expect(runEstimatorName(runOf(is, { trainLoss: 1, testLoss: 1, testNll: 1 }))).toBe('IWAE, J=5');
    expect(estimatorMatches('IWAE, J=5', 'IWAE')).toBe(true);
    expect(estimatorMatches('IWAE (parts), J=5', 'IWAE')).toBe(false);
    expect(estimatorMatches('IWAE', 'IWAE, J=5')).toBe(false);
  });
  it('holds when the tighter estimator has the lower loss, whichever is on the canvas', () => {
    const runs = [runOf(is, { trainLoss: 95, testLoss: 96, testNll: 90 }), runOf(iwae1, { trainLoss: 99, testLoss: 100, testNll: 90 }, { variant: true })];
    expect(one(c, is, runs).ok).toBe(true);
    expect(one(c, iwae1, runs).ok).toBe(true);
  });
  it('fails when it is the other way round, or a run is missing, or the runs are of another graph', () => {
    const reversed = [runOf(is, { trainLoss: 99, testLoss: 100, testNll: 90 }), runOf(iwae1, { trainLoss: 95, testLoss: 96, testNll: 90 })];
    expect(one(c, is, reversed).sentence).toMatch(/does not yet have a lower held-out loss/);
    const onlyOne = one(c, is, [runOf(is, { trainLoss: 95, testLoss: 96, testNll: 90 })]);
    expect(onlyOne.ok).toBe(false);
    expect(onlyOne.sentence).toMatch(/No finished run of “IWAE, J=1” on this graph yet/);
    const other = { ...is, meta: { ...is.meta, title: 'Another graph' } };
    expect(one(c, other, [runOf(is, { trainLoss: 95, testLoss: 96, testNll: 90 }), runOf(iwae1, { trainLoss: 99, testLoss: 100, testNll: 90 })]).ok).toBe(false);
  });
  it('compares the IWAE from parts with the ELBO it becomes by one edit', () => {
    const parts = graph('is-to-elbo');
    const elbo = withParam(parts, 'reduce', { op: 'mean' });
    const a = runEstimatorName(runOf(parts, { trainLoss: 1, testLoss: 1, testNll: 1 }));
    const b = runEstimatorName(runOf(elbo, { trainLoss: 1, testLoss: 1, testNll: 1 }));
    expect(a).not.toBe(b);
    const cond: Condition = { kind: 'boundOrder', tighter: a.split(',')[0], looser: b.split(',')[0] };
    expect(one(cond, elbo, [runOf(parts, { trainLoss: 95, testLoss: 96, testNll: 90 }), runOf(elbo, { trainLoss: 99, testLoss: 100, testNll: 90 })]).ok).toBe(true);
    expect(one(cond, elbo, [runOf(parts, { trainLoss: 99, testLoss: 100, testNll: 90 }), runOf(elbo, { trainLoss: 95, testLoss: 96, testNll: 90 })]).ok).toBe(false);
  });
});

describe('evaluateTask', () => {
  it('is done only when every condition holds, and uses the instructor’s sentences', () => {
    const ppca = graph('ppca');
    const conditions: Condition[] = [
      { kind: 'nodeExists', nodeKind: 'sampler', met: 'A sampler: good.' },
      { kind: 'param', node: { id: 'prior' }, param: 'dim', equals: 4, unmet: 'Give the prior 4 dimensions.' },
    ];
    const r = evaluateTask({ conditions }, { doc: ppca, runs: [] });
    expect(r.done).toBe(false);
    expect(r.conditions.map((c) => c.sentence)).toEqual(['A sampler: good.', 'Give the prior 4 dimensions.']);
    expect(evaluateTask({ conditions }, { doc: withParam(ppca, 'prior', { dim: 4 }), runs: [] }).done).toBe(true);
    expect(evaluateTask({ conditions: [] }, { doc: ppca, runs: [] }).done).toBe(false);
  });

  it('never throws, whatever the document or the runs', () => {
    const conditions: Condition[] = [
      { kind: 'nodeExists', nodeKind: 'sampler' },
      { kind: 'edgeExists', from: { nodeKind: 'sampler' }, to: { id: 'x' } },
      { kind: 'param', node: { label: 'a' }, param: 'p', min: 0 },
      { kind: 'runMetric', metric: 'testNll', below: 1 },
      { kind: 'nearExact', within: 1 },
      { kind: 'boundOrder', tighter: 'IWAE', looser: 'ELBO' },
      { kind: 'unknown' } as unknown as Condition,
    ];
    const docs: unknown[] = [
      undefined,
      null,
      {},
      { nodes: 'x', edges: 3 },
      { nodes: [null, 1, { id: 'a', kind: 'sampler', label: 5, params: null }], edges: [null, { source: 1 }], meta: null },
      { ...graph('ppca'), blocks: { nope: null } },
      { nodes: [{ id: 'b', kind: 'block', params: { block: 'missing' }, position: { x: 0, y: 0 } }], edges: [], blocks: {} },
    ];
    const runs: unknown[] = [null, { status: 'finished' }, { status: 'finished', final: {}, docJson: '{' , id: 'r' }, { status: 'finished', final: { testNll: NaN }, docJson: 'null', id: 's', graphTitle: '' }];
    for (const doc of docs) {
      const r = evaluateTask({ conditions }, { doc: doc as GraphDoc, runs: runs as TaskRun[] });
      expect(r.done).toBe(false);
      expect(r.conditions).toHaveLength(conditions.length);
      for (const c of r.conditions) expect(typeof c.sentence).toBe('string');
    }
    expect(() => evaluateTask(undefined as never, undefined as never)).not.toThrow();
  });
});
