// The task editor's drafts: every template a form starts from is a valid condition on the
// lecture graphs, a new task is valid as it is, and problems land on their task and condition.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGraphText } from '../../graph/parse';
import type { GraphDoc } from '../../graph/document';
import { parseGraphValue } from '../../graph/parse';
import { CONDITION_KINDS, conditionSchema } from '../../tasks/schema';
import { evaluateTask } from '../../tasks/evaluate';
import { checkDrafts, conditionTemplate, kindOptions, newTask, nodeChoices, paramFields, portOptions, solutionFromDoc, toDrafts, withField } from './taskDrafts';

const graph = (name: string): GraphDoc => {
  const r = parseGraphText(readFileSync(new URL(`../../../graphs/${name}.json`, import.meta.url), 'utf8'), name);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.doc;
};

describe('task drafts', () => {
  it('starts every condition kind valid, from the graph on the canvas or from none', () => {
    for (const doc of [graph('importance-sampling'), graph('ppca'), { ...graph('ppca'), nodes: [], edges: [] }]) {
      for (const kind of CONDITION_KINDS) {
        const c = conditionTemplate(kind, doc);
        expect(conditionSchema.safeParse(c).success, `${kind}: ${JSON.stringify(c)}`).toBe(true);
      }
    }
  });

  it('fills the templates from the graph, so they hold on it', () => {
    const doc = graph('importance-sampling');
    for (const kind of ['nodeExists', 'edgeExists', 'param'] as const) {
      const c = conditionSchema.parse(conditionTemplate(kind, doc));
      expect(evaluateTask({ conditions: [c] }, { doc, runs: [] }).done, kind).toBe(true);
    }
  });

  it('offers kinds, ports, params and nodes from the registry and the graph', () => {
    const kinds = kindOptions().map((o) => o.value);
    expect(kinds).toContain('sampler');
    expect(kinds).not.toContain('block');
    expect(portOptions('sampler', 'inputs').map((p) => p.value)).toEqual(['dist']);
    expect(portOptions('sampler', 'outputs').map((p) => p.value)).toEqual(['z']);
    expect(portOptions(undefined, 'inputs')).toEqual([]);
    expect(paramFields('sampler').map((f) => f.key)).toContain('samples');
    expect(nodeChoices(graph('ppca')).map((n) => n.id)).toContain('prior');
  });

  it('makes new tasks with unique ids that are valid as they are', () => {
    const doc = graph('ppca');
    const a = newTask([], doc);
    const b = newTask([a], doc);
    expect(a.id).not.toBe(b.id);
    const r = checkDrafts([a, b]);
    expect(r.ok).toBe(true);
  });

  it('says what to fix, on the task and condition it is about', () => {
    const doc = graph('ppca');
    const t = newTask([], doc);
    const bad = { ...t, title: '', conditions: [...t.conditions, { kind: 'param' as const, node: {}, param: 'dim' }] };
    const r = checkDrafts([newTask([bad], doc), bad]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.some((p) => p.task === 1 && p.condition === undefined && /title/.test(p.message))).toBe(true);
    expect(r.problems.some((p) => p.task === 1 && p.condition === 1)).toBe(true);
    expect(r.problems.every((p) => p.task === 1)).toBe(true);
  });

  it('takes the graph on the canvas as a solution that opens, without weights', () => {
    const doc = { ...graph('ppca'), weights: { format: 'x' } as unknown as GraphDoc['weights'] };
    const s = solutionFromDoc(doc);
    expect(s.weights).toBeUndefined();
    expect(parseGraphValue(s).ok).toBe(true);
    const [task] = toDrafts([{ ...checkDraftsOk([newTask([], doc)])[0], solution: s }]);
    expect(checkDrafts([task]).ok).toBe(true);
  });

  it('removes a field set to nothing', () => {
    expect(withField({ a: 1, b: 2 }, 'a', undefined)).toEqual({ b: 2 });
    expect(withField({ a: 1 }, 'b', '')).toEqual({ a: 1 });
    expect(withField({ a: 1 }, 'b', 0)).toEqual({ a: 1, b: 0 });
  });
});

function checkDraftsOk(d: Parameters<typeof checkDrafts>[0]) {
  const r = checkDrafts(d);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.tasks;
}
