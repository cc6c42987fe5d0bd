// The task schema: what a course file may say about tasks, and everything it may not.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONDITION_KINDS, TASK_LIMITS, conditionSchema, taskSchema, tasksSchema, type TaskInput } from './schema';

const vae = JSON.parse(readFileSync(new URL('../../graphs/vae.json', import.meta.url), 'utf8')) as Record<string, unknown>;

const good: TaskInput = {
  id: 'q-sampler',
  title: 'Sample from q(z|x)',
  instructions: 'Connect the **sampler** to q(z|x) instead of the prior.',
  conditions: [
    { kind: 'nodeExists', nodeKind: 'sampler', min: 1 },
    { kind: 'edgeExists', from: { nodeKind: 'gaussian', label: 'q(z|x)' }, fromPort: 'dist', to: { nodeKind: 'sampler' }, toPort: 'dist', unmet: 'No sampler draws from q(z|x) yet.' },
    { kind: 'param', node: { id: 'sampler' }, param: 'samples', min: 1, max: 50 },
    { kind: 'param', node: { id: 'loss' }, param: 'kl', equals: 'analytic' },
    { kind: 'runMetric', metric: 'testNll', below: 100 },
    { kind: 'nearExact', within: 0.5, on: 'test' },
    { kind: 'boundOrder', tighter: 'IWAE, J=5', looser: 'ELBO', metric: 'testLoss' },
  ],
  hint: 'The sampler has one input.',
  solution: vae,
};

const issues = (v: unknown) => {
  const r = taskSchema.safeParse(v);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('taskSchema', () => {
  it('accepts a task with every condition kind, and round-trips it through JSON', () => {
    const parsed = taskSchema.parse(good);
    expect(new Set(parsed.conditions.map((c) => c.kind))).toEqual(new Set(CONDITION_KINDS));
    expect(taskSchema.parse(JSON.parse(JSON.stringify(parsed)))).toEqual(parsed);
  });

  it('fills the defaults: instructions may be left out', () => {
    expect(taskSchema.parse({ id: 'a', title: 'A', conditions: [{ kind: 'nodeExists', nodeKind: 'data' }] }).instructions).toBe('');
  });

  it('refuses unknown keys anywhere (strict)', () => {
    expect(issues({ ...good, script: 'alert(1)' }).join()).toMatch(/Unrecognized key/);
    expect(issues({ ...good, conditions: [{ kind: 'nodeExists', nodeKind: 'sampler', eval: 'x' }] }).join()).toMatch(/Unrecognized key/);
    expect(issues({ ...good, conditions: [{ kind: 'edgeExists', from: { id: 'a', code: 1 }, to: { id: 'b' } }] }).join()).toMatch(/Unrecognized key/);
  });

  it('refuses unknown condition kinds, unknown node kinds and prototype names', () => {
    expect(issues({ ...good, conditions: [{ kind: 'javascript', code: '1' }] })).not.toEqual([]);
    expect(issues({ ...good, conditions: [{ kind: 'nodeExists', nodeKind: 'rocket' }] }).join()).toMatch(/not a node kind/);
    expect(issues({ ...good, id: '__proto__' }).join()).toMatch(/__proto__/);
    expect(issues({ ...good, conditions: [{ kind: 'param', node: { id: 'a' }, param: 'constructor', equals: 1 }] }).join()).toMatch(/constructor/);
  });

  it('refuses conditions that could never be checked', () => {
    const bad = (c: unknown) => conditionSchema.safeParse(c).success;
    expect(bad({ kind: 'edgeExists', from: {}, to: { id: 'b' } })).toBe(false); // names no node
    expect(bad({ kind: 'param', node: { id: 'a' }, param: 'p' })).toBe(false); // neither equals nor range
    expect(bad({ kind: 'param', node: { id: 'a' }, param: 'p', equals: 1, min: 0 })).toBe(false); // both
    expect(bad({ kind: 'param', node: { id: 'a' }, param: 'p', min: 2, max: 1 })).toBe(false);
    expect(bad({ kind: 'param', node: { id: 'a' }, param: 'p', equals: { $gt: 1 } })).toBe(false);
    expect(bad({ kind: 'runMetric', metric: 'testNll' })).toBe(false);
    expect(bad({ kind: 'runMetric', metric: 'accuracy', below: 1 })).toBe(false);
    expect(bad({ kind: 'runMetric', metric: 'testNll', below: 1, above: 2 })).toBe(false);
    expect(bad({ kind: 'runMetric', metric: 'testNll', below: Infinity })).toBe(false);
    expect(bad({ kind: 'runMetric', metric: 'testNll', below: NaN })).toBe(false);
    expect(bad({ kind: 'nearExact', within: -1 })).toBe(false);
    expect(bad({ kind: 'boundOrder', tighter: '  ', looser: 'ELBO' })).toBe(false);
    expect(bad({ kind: 'nodeExists', nodeKind: 'sampler', min: 0 })).toBe(false);
    expect(bad({ kind: 'nodeExists', nodeKind: 'sampler', min: 1.5 })).toBe(false);
  });

  it('holds every string and list to its limit', () => {
    const long = (n: number) => 'x'.repeat(n + 1);
    expect(issues({ ...good, title: long(TASK_LIMITS.titleChars) })).not.toEqual([]);
    expect(issues({ ...good, title: '   ' })).not.toEqual([]);
    expect(issues({ ...good, instructions: long(TASK_LIMITS.instructionsChars) })).not.toEqual([]);
    expect(issues({ ...good, hint: long(TASK_LIMITS.hintChars) })).not.toEqual([]);
    expect(issues({ ...good, id: long(TASK_LIMITS.idChars) })).not.toEqual([]);
    expect(issues({ ...good, conditions: [] }).join()).toMatch(/at least one condition/);
    expect(issues({ ...good, conditions: Array.from({ length: TASK_LIMITS.conditions + 1 }, () => ({ kind: 'nodeExists', nodeKind: 'data' })) })).not.toEqual([]);
    expect(issues({ ...good, conditions: [{ kind: 'nodeExists', nodeKind: 'data', unmet: long(TASK_LIMITS.sentenceChars) }] })).not.toEqual([]);
    const many = Array.from({ length: TASK_LIMITS.tasksPerStep + 1 }, (_, i) => ({ ...good, id: `t${i}` }));
    expect(tasksSchema.safeParse(many).success).toBe(false);
    expect(tasksSchema.safeParse(many.slice(0, 2)).success).toBe(true);
  });

  it('refuses two tasks with one id on a step', () => {
    const r = tasksSchema.safeParse([good, good]);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].message).toMatch(/used twice/);
  });

  it('checks the solution with the graph parser', () => {
    expect(issues({ ...good, solution: { format: 'latent-canvas.graph' } }).join()).toMatch(/^solution: is not a graph that opens/);
    expect(issues({ ...good, solution: 'vae.json' })).not.toEqual([]);
    expect(issues({ ...good, solution: [vae] })).not.toEqual([]);
    const bad = structuredClone(vae) as { nodes: { kind: string }[] };
    bad.nodes[0].kind = 'rocket';
    expect(issues({ ...good, solution: bad })).not.toEqual([]);
  });

  it('never throws on hostile values', () => {
    const deep: Record<string, unknown> = {};
    let cur = deep;
    for (let i = 0; i < 5000; i++) cur = cur.a = {} as Record<string, unknown>;
    const hostile: unknown[] = [
      null, undefined, 0, 'task', [], Symbol.iterator, () => 1, new Date(), { __proto__: { id: 'x' } },
      JSON.parse('{"__proto__": {"polluted": true}, "id": "a", "title": "A", "conditions": [{"kind": "nodeExists", "nodeKind": "data"}]}'),
      { ...good, conditions: 'all' }, { ...good, conditions: [null] }, { ...good, conditions: [{ kind: null }] },
      { ...good, solution: deep }, { ...good, solution: { ...vae, nodes: new Array(100_000).fill(null) } },
      { ...good, conditions: [{ kind: 'edgeExists', from: deep, to: deep }] },
    ];
    for (const v of hostile) {
      expect(() => taskSchema.safeParse(v)).not.toThrow();
      expect(taskSchema.safeParse(v).success).toBe(false);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
