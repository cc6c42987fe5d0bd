// The lecture course's tasks (courses/lecture.course.json): each one is not done on its step's
// starting graph and is done on its solution — for the conditions on runs, with hand-made run
// records of the kind the runs store keeps (a run of the solution, or of the two estimators a
// bound order compares, taken from the graph's variants).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCourseText } from '../course/parse';
import { parseGraphValue, serializeGraph } from '../graph/parse';
import type { GraphDoc } from '../graph/document';
import { structureKey } from '../graph/structureKey';
import { estimatorName } from '../panels/runs/estimatorName';
import { variantsOf } from '../variants/variants';
import { estimatorMatches, evaluateTask, type TaskRun } from './evaluate';
import type { Condition, Task } from './schema';

const parsed = parseCourseText(readFileSync(new URL('../../courses/lecture.course.json', import.meta.url), 'utf8'), 'lecture.course.json');
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const course = parsed.course;

let clock = 1;
function run(doc: GraphDoc, final: { trainLoss: number; testLoss: number; testNll: number }, closedForm?: TaskRun['closedForm']): TaskRun {
  clock++;
  return { id: `r${clock}`, createdAt: clock, docJson: serializeGraph(doc), status: 'finished', final: { ...final, testNllMethod: 'test' }, closedForm, graphTitle: doc.meta.title, graphKey: structureKey(doc) };
}

/** Runs that meet the task's run conditions on `doc` (the graph that does the task). */
function runsMeeting(conditions: readonly Condition[], doc: GraphDoc): TaskRun[] {
  const runs: TaskRun[] = [];
  // One run of the graph itself meets every runMetric and nearExact condition at once.
  const metrics = conditions.filter((c) => c.kind === 'runMetric');
  const near = conditions.filter((c) => c.kind === 'nearExact');
  if (metrics.length || near.length) {
    const v = (m: 'trainLoss' | 'testLoss' | 'testNll') => {
      const cs = metrics.filter((c) => c.metric === m);
      const lo = Math.max(-1e9, ...cs.map((c) => c.above ?? -1e9));
      const hi = Math.min(1e9, ...cs.map((c) => c.below ?? 1e9));
      return lo > -1e9 && hi < 1e9 ? (lo + hi) / 2 : hi < 1e9 ? hi - 1 : lo > -1e9 ? lo + 1 : 100;
    };
    const final = { trainLoss: v('trainLoss'), testLoss: v('testLoss'), testNll: v('testNll') };
    const closedForm = near.length ? { trainNll: final.trainLoss, testNll: final.testLoss, sigma2: 0.1 } : undefined;
    runs.push(run(doc, final, closedForm));
  }
  for (const c of conditions) {
    if (c.kind !== 'boundOrder') continue;
    const candidates = [doc, ...variantsOf(doc).map((v) => v.doc)];
    const find = (name: string) => candidates.find((d) => estimatorMatches(estimatorName(d), name));
    const tighter = find(c.tighter);
    const looser = find(c.looser);
    expect(tighter, `a graph or variant trains “${c.tighter}”`).toBeDefined();
    expect(looser, `a graph or variant trains “${c.looser}”`).toBeDefined();
    runs.push(run(looser!, { trainLoss: 101, testLoss: 102, testNll: 99 }), run(tighter!, { trainLoss: 98, testLoss: 99, testNll: 97 }));
  }
  return runs;
}

const tasks: { step: (typeof course.steps)[number]; task: Task }[] = course.steps.flatMap((step) => (step.tasks ?? []).map((task) => ({ step, task })));

describe('the lecture course’s tasks', () => {
  it('has at least one task on every step', () => {
    for (const step of course.steps) expect(step.tasks?.length ?? 0, step.id).toBeGreaterThan(0);
  });

  it.each(tasks.map(({ step, task }) => [`${step.id} / ${task.id}`, step, task] as const))('%s: not done on the starting graph, done on its solution', (_name, step, task) => {
    const start = evaluateTask(task, { doc: step.graph, runs: [] });
    expect(start.done, start.conditions.map((c) => c.sentence).join('\n')).toBe(false);
    let doc = step.graph;
    if (task.solution) {
      const r = parseGraphValue(task.solution, 'the solution');
      expect(r.ok).toBe(true);
      if (r.ok) doc = r.doc;
    }
    const runs = runsMeeting(task.conditions, doc);
    const end = evaluateTask(task, { doc, runs });
    expect(end.done, end.conditions.map((c) => `${c.ok ? '✓' : '✗'} ${c.sentence}`).join('\n')).toBe(true);
    // Runs of the starting graph do not do a task whose graph conditions are unmet there.
    if (task.conditions.some((c) => c.kind === 'nodeExists' || c.kind === 'edgeExists' || c.kind === 'param')) {
      expect(evaluateTask(task, { doc: step.graph, runs: runsMeeting(task.conditions, step.graph) }).done).toBe(false);
    }
  });
});
