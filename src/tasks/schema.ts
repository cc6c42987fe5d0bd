// A task: a declarative check on the learner's graph or on its runs, with a hint and an
// optional solution graph. Tasks live in a course's steps (src/course/) and are authored in
// the app (src/editor/tasks/TaskEditor.tsx); src/tasks/evaluate.ts checks them. No code is
// ever stored or run: every condition is data, and every field is bounded and strict
// (an unknown key is an error), so a hostile course file cannot make a task do anything
// but fail to parse.
//
// Conditions (all must hold for the task to be done), discriminated on `kind`:
//   nodeExists  at least `min` nodes of kind `nodeKind` (optionally with the label `label`)
//   edgeExists  an edge from a node (`from`: by id, kind and/or label) and port to another
//   param       a node's param equals a value, or lies in [min, max]
//   runMetric   the latest finished run of this graph has trainLoss|testLoss|testNll below/above X
//   nearExact   the latest finished run's reported loss (a negated bound, nats per example)
//               lies within `within` nats of the exact NLL (the closed form the run carries)
//   boundOrder  the latest finished run of estimator `tighter` has a lower loss (a higher,
//               tighter bound) than the latest finished run of estimator `looser`
// Every condition may carry `met` / `unmet`: the instructor's own sentences, shown instead of
// the generated ones ("No sampler draws from q(z|x) yet: connect …").
import { z } from 'zod';
import { LIMITS } from '../graph/limits';
import { RESERVED_KEYS } from '../graph/sanitize';
import { nodeSpecs } from '../nodes/registry';
import { parseGraphValue } from '../graph/parse';

export const TASK_LIMITS = {
  /** Tasks on one course step. */
  tasksPerStep: 20,
  /** Conditions of one task. */
  conditions: 20,
  /** Task ids. */
  idChars: 64,
  titleChars: 200,
  /** The instructions (markdown) and the hint (markdown). */
  instructionsChars: 10_000,
  hintChars: 5_000,
  /** An instructor's sentence on a condition (`met`, `unmet`). */
  sentenceChars: 500,
  /** `nodeExists.min`. */
  minCount: 100,
  /** A `param` condition's string value. */
  valueChars: 200,
} as const;

const finite = z.number().refine(Number.isFinite, 'must be a finite number');

/** Ids, kinds, port and param names: like the graph file's, no prototype names. */
const name = (what: string) =>
  z
    .string()
    .min(1, `a ${what} must not be empty`)
    .max(LIMITS.idChars)
    .refine((s) => !RESERVED_KEYS.has(s), `"__proto__", "constructor" and "prototype" cannot be used as a ${what}`);

/** A node kind named as data; it must be one the app knows. */
const nodeKindName = name('node kind').refine((k) => nodeSpecs.has(k), { message: 'is not a node kind this app knows' });

/**
 * Which node(s) a condition is about: every given field must match — the id exactly, the
 * kind exactly, the label as a part of the node's label, ignoring case and surrounding
 * spaces ("q(z|x)" matches "Proposal q(z|x)"). At least one field is required.
 */
export const nodeRefSchema = z
  .object({
    id: name('node id').optional(),
    nodeKind: nodeKindName.optional(),
    label: z.string().min(1).max(LIMITS.labelChars).optional(),
  })
  .strict()
  .refine((r) => r.id !== undefined || r.nodeKind !== undefined || r.label !== undefined, 'names no node: give an id, a kind or a label');

/** The instructor's own sentences for a condition, shown instead of the generated ones. */
const sentences = {
  met: z.string().max(TASK_LIMITS.sentenceChars).optional(),
  unmet: z.string().max(TASK_LIMITS.sentenceChars).optional(),
};

export const RUN_METRICS = ['trainLoss', 'testLoss', 'testNll'] as const;
export const runMetricSchema = z.enum(RUN_METRICS);
export type RunMetric = z.infer<typeof runMetricSchema>;

const bothBounds = (c: { min?: number; max?: number }) => c.min === undefined || c.max === undefined || c.min <= c.max;

export const nodeExistsSchema = z
  .object({
    kind: z.literal('nodeExists'),
    nodeKind: nodeKindName,
    /** Only nodes whose label contains this (as in a node reference). */
    label: z.string().min(1).max(LIMITS.labelChars).optional(),
    /** At least this many such nodes (default 1). */
    min: z.number().int().min(1).max(TASK_LIMITS.minCount).optional(),
    ...sentences,
  })
  .strict();

export const edgeExistsSchema = z
  .object({
    kind: z.literal('edgeExists'),
    from: nodeRefSchema,
    /** The output port on `from`; any output when omitted. */
    fromPort: name('port name').optional(),
    to: nodeRefSchema,
    /** The input port on `to`; any input when omitted. */
    toPort: name('port name').optional(),
    ...sentences,
  })
  .strict();

export const paramSchema = z
  .object({
    kind: z.literal('param'),
    node: nodeRefSchema,
    param: name('param name'),
    /** The value the param must have (exactly). */
    equals: z.union([finite, z.boolean(), z.string().max(TASK_LIMITS.valueChars)]).optional(),
    /** Or a range for a numeric param, inclusive: [min, max] (either may be left open). */
    min: finite.optional(),
    max: finite.optional(),
    ...sentences,
  })
  .strict()
  .refine((c) => (c.equals !== undefined) !== (c.min !== undefined || c.max !== undefined), 'needs either `equals` or a range (`min`, `max`), not both')
  .refine(bothBounds, '`min` must not be above `max`');

export const runMetricConditionSchema = z
  .object({
    kind: z.literal('runMetric'),
    metric: runMetricSchema,
    /** The metric must be below this (nats per example)… */
    below: finite.optional(),
    /** …and/or above this. */
    above: finite.optional(),
    ...sentences,
  })
  .strict()
  .refine((c) => c.below !== undefined || c.above !== undefined, 'needs `below` or `above`')
  .refine((c) => c.below === undefined || c.above === undefined || c.above < c.below, '`above` must be less than `below`');

export const nearExactSchema = z
  .object({
    kind: z.literal('nearExact'),
    /** Nats per example between the run's reported loss and the exact NLL. */
    within: z.number().min(0).max(1e6),
    /** Which of the run's numbers: the held-out loss (default) or the training loss, against the exact NLL on the same set. */
    on: z.enum(['test', 'train']).optional(),
    ...sentences,
  })
  .strict();

export const estimatorNameSchema = z.string().trim().min(1, 'names no estimator').max(LIMITS.shortChars);

export const boundOrderSchema = z
  .object({
    kind: z.literal('boundOrder'),
    /**
     * The estimator whose run must have the lower loss (the higher, tighter bound), named as
     * the runs panel names runs ("IWAE, J=5"); a name matches that name or any name that
     * starts with it and a comma ("IWAE" matches "IWAE, J=5").
     */
    tighter: estimatorNameSchema,
    looser: estimatorNameSchema,
    /** Which loss to compare (default the held-out loss). */
    metric: runMetricSchema.optional(),
    ...sentences,
  })
  .strict();

export const conditionSchema = z.discriminatedUnion('kind', [
  nodeExistsSchema,
  edgeExistsSchema,
  paramSchema,
  runMetricConditionSchema,
  nearExactSchema,
  boundOrderSchema,
]);

export type Condition = z.infer<typeof conditionSchema>;
export type ConditionKind = Condition['kind'];
export type NodeRef = z.infer<typeof nodeRefSchema>;
export const CONDITION_KINDS: readonly ConditionKind[] = ['nodeExists', 'edgeExists', 'param', 'runMetric', 'nearExact', 'boundOrder'];

/**
 * A full graph document (any version the graph parser migrates), as a plain object. It is
 * checked here with the graph parser, so a task that parses has a solution that opens.
 */
export const solutionSchema = z.record(z.string(), z.unknown()).superRefine((value, ctx) => {
  const r = parseGraphValue(value, 'the solution');
  if (!r.ok) ctx.addIssue({ code: 'custom', message: `is not a graph that opens: ${r.errors.slice(0, 3).join('; ')}` });
});

export const taskSchema = z
  .object({
    id: name('task id').max(TASK_LIMITS.idChars),
    title: z.string().trim().min(1, 'a task needs a title').max(TASK_LIMITS.titleChars),
    /** What to do, markdown (rendered, never run). */
    instructions: z.string().max(TASK_LIMITS.instructionsChars).default(''),
    /** All must hold. A task with none is never done (it cannot be checked). */
    conditions: z.array(conditionSchema).min(1, 'a task needs at least one condition').max(TASK_LIMITS.conditions),
    /** Shown when the learner asks for it (markdown). */
    hint: z.string().max(TASK_LIMITS.hintChars).optional(),
    /** A graph document that does the task: "Show the solution" opens it. */
    solution: solutionSchema.optional(),
  })
  .strict();

export type Task = z.infer<typeof taskSchema>;
/** What a task file or course step holds before parsing (defaults not yet filled). */
export type TaskInput = z.input<typeof taskSchema>;

/** The tasks of one step: at most TASK_LIMITS.tasksPerStep, ids unique. */
export const tasksSchema = z
  .array(taskSchema)
  .max(TASK_LIMITS.tasksPerStep, `more than ${TASK_LIMITS.tasksPerStep} tasks on one step`)
  .superRefine((tasks, ctx) => {
    const seen = new Set<string>();
    tasks.forEach((t, i) => {
      if (seen.has(t.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `the task id "${t.id}" is used twice` });
      seen.add(t.id);
    });
  });
