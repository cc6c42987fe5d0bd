// What the task editor works on: tasks being written (drafts, which may not be valid yet),
// the defaults a new task or condition starts from (taken from the graph on the canvas), the
// choices its forms offer (kinds, ports and params from the registry; nodes from the graph),
// and the check that turns drafts into Task objects (taskSchema) or says what to fix.
// No React here, so it is tested on its own.
import { serializeGraph } from '../../graph/parse';
import type { GraphDoc } from '../../graph/document';
import { getSpec, nodeSpecs } from '../../nodes/registry';
import type { FieldSpec } from '../../nodes/types';
import { CONDITION_KINDS, TASK_LIMITS, tasksSchema, type Condition, type ConditionKind, type Task } from '../../tasks/schema';

/** A condition being edited: its kind and whatever fields the form holds so far. */
export type DraftCondition = { kind: ConditionKind } & Record<string, unknown>;

export interface DraftTask {
  id: string;
  title: string;
  instructions: string;
  hint?: string;
  solution?: Record<string, unknown>;
  conditions: DraftCondition[];
}

export const CONDITION_LABELS: Record<ConditionKind, string> = {
  nodeExists: 'A node of a kind exists',
  edgeExists: 'An edge connects two ports',
  param: 'A param has a value or range',
  runMetric: 'A run reached a metric',
  nearExact: 'A run’s bound is near the exact NLL',
  boundOrder: 'One estimator’s bound is above another’s',
};

export const conditionKindOptions = (): { value: ConditionKind; label: string }[] => CONDITION_KINDS.map((k) => ({ value: k, label: CONDITION_LABELS[k] }));

/** Every node kind a task may name, with its title (the block kind is the graph's own, not offered). */
export function kindOptions(): { value: string; label: string }[] {
  return [...nodeSpecs.values()].filter((s) => s.block === undefined).map((s) => ({ value: s.kind, label: s.title }));
}

export function portOptions(kind: string | undefined, side: 'inputs' | 'outputs'): { value: string; label: string }[] {
  const spec = kind !== undefined ? getSpec(kind) : undefined;
  return (spec?.[side] ?? []).map((p) => ({ value: p.name, label: p.label && p.label !== p.name ? `${p.name} (${p.label})` : p.name }));
}

export function paramFields(kind: string | undefined): FieldSpec[] {
  const spec = kind !== undefined ? getSpec(kind) : undefined;
  return spec?.fields ?? [];
}

/** The graph's nodes, for "which node": id, label and kind. */
export function nodeChoices(doc: GraphDoc): { id: string; kind: string; label: string }[] {
  return doc.nodes.map((n) => ({ id: n.id, kind: n.kind, label: n.label?.trim() ? `${n.label} (${n.id})` : `${getSpec(n.kind)?.title ?? n.kind} (${n.id})` }));
}

const firstKind = (doc: GraphDoc): string => doc.nodes.find((n) => getSpec(n.kind) && getSpec(n.kind)!.block === undefined)?.kind ?? kindOptions()[0]!.value;

/** A condition of `kind`, filled from the graph on the canvas where it can be. */
export function conditionTemplate(kind: ConditionKind, doc: GraphDoc): DraftCondition {
  switch (kind) {
    case 'nodeExists':
      return { kind, nodeKind: firstKind(doc) };
    case 'edgeExists': {
      const e = doc.edges[0];
      const src = e && doc.nodes.find((n) => n.id === e.source);
      const tgt = e && doc.nodes.find((n) => n.id === e.target);
      if (e && src && tgt) return { kind, from: { nodeKind: src.kind }, fromPort: e.sourcePort, to: { nodeKind: tgt.kind }, toPort: e.targetPort };
      return { kind, from: { nodeKind: firstKind(doc) }, to: { nodeKind: firstKind(doc) } };
    }
    case 'param': {
      // A node of the graph with params, else the first kind that has any (its default value).
      const n = doc.nodes.find((m) => paramFields(m.kind).length > 0);
      const kindWithFields = n?.kind ?? kindOptions().find((o) => paramFields(o.value).some((f) => isScalar(defaultOf(o.value, f.key))))!.value;
      const field = paramFields(kindWithFields).find((f) => isScalar(n?.params[f.key] ?? defaultOf(kindWithFields, f.key))) ?? paramFields(kindWithFields)[0];
      const value = field ? (n?.params[field.key] ?? defaultOf(kindWithFields, field.key)) : undefined;
      return withField({ kind, node: n ? { id: n.id } : { nodeKind: kindWithFields }, param: field?.key ?? '' }, 'equals', isScalar(value) ? value : undefined);
    }
    case 'runMetric':
      return { kind, metric: 'testNll', below: 100 };
    case 'nearExact':
      return { kind, within: 0.5 };
    case 'boundOrder':
      return { kind, tighter: 'IWAE', looser: 'ELBO' };
  }
}

const defaultOf = (kind: string, key: string): unknown => (getSpec(kind)?.defaults as Record<string, unknown> | undefined)?.[key];

const isScalar = (v: unknown): v is string | number | boolean => typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));

/** Sets a field; undefined or '' removes it (an optional field left empty is absent). */
export function withField<T extends object>(obj: T, key: string, value: unknown): T {
  const next = { ...obj } as Record<string, unknown>;
  if (value === undefined || value === '') delete next[key];
  else next[key] = value;
  return next as T;
}

/** A new task with an id no task of the step has. */
export function newTask(existing: readonly Pick<DraftTask, 'id'>[], doc: GraphDoc): DraftTask {
  const taken = new Set(existing.map((t) => t.id));
  let i = existing.length + 1;
  while (taken.has(`task-${i}`)) i++;
  return { id: `task-${i}`, title: 'New task', instructions: '', conditions: [conditionTemplate('nodeExists', doc)] };
}

/** The graph on the canvas as a task's solution: a plain graph document, without trained weights. */
export function solutionFromDoc(doc: GraphDoc): Record<string, unknown> {
  const { weights: _w, ...rest } = doc;
  return JSON.parse(serializeGraph(rest as GraphDoc)) as Record<string, unknown>;
}

export function toDrafts(tasks: readonly Task[] | undefined): DraftTask[] {
  return (tasks ?? []).map((t) => ({ ...t, conditions: t.conditions.map((c) => ({ ...c }) as DraftCondition) }));
}

export interface TaskProblem {
  task: number;
  /** The condition it is about, when it is about one. */
  condition?: number;
  message: string;
}

export type DraftCheck = { ok: true; tasks: Task[] } | { ok: false; problems: TaskProblem[] };

/** Drafts → Task objects through taskSchema, or the problems, each placed on its task and condition. */
export function checkDrafts(drafts: readonly DraftTask[]): DraftCheck {
  const r = tasksSchema.safeParse(drafts);
  if (r.success) return { ok: true, tasks: r.data };
  const problems = r.error.issues.slice(0, 50).map((issue): TaskProblem => {
    const [task, section, condition, ...rest] = issue.path;
    const t = typeof task === 'number' ? task : 0;
    if (section === 'conditions' && typeof condition === 'number') return { task: t, condition, message: `${rest.length ? `${rest.join('.')}: ` : ''}${issue.message}` };
    return { task: t, message: `${typeof section === 'string' ? `${section}: ` : ''}${issue.message}` };
  });
  return { ok: false, problems };
}

export const TASKS_PER_STEP = TASK_LIMITS.tasksPerStep;
export const CONDITIONS_PER_TASK = TASK_LIMITS.conditions;
export type { Condition };
