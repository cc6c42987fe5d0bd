// Checks a task against the learner's graph and runs: pure, and it never throws — a condition
// that cannot be checked says so and is not met. Each condition gets one sentence for the
// learner: what is met, or what is not met yet and what to do. Kinds are named by the task as
// data and compared only as data (a node's kind against the task's); what a kind is called,
// its ports and its param defaults come from the registry.
import type { GraphDoc, GraphEdge, GraphNode } from '../graph/document';
import { flattenBlocks } from '../graph/blocks/flatten';
import { structureKey } from '../graph/structureKey';
import { parseGraphText } from '../graph/parse';
import { getSpec } from '../nodes/registry';
import { estimatorName } from '../panels/runs/estimatorName';
import { relationToOpen, runGraph, type RunGraph } from '../store/runGraph';
import type { RunRecord } from '../store/runsStore';
import type { Condition, NodeRef, RunMetric, Task } from './schema';

export interface ConditionResult {
  ok: boolean;
  sentence: string;
}

export interface TaskResult {
  done: boolean;
  conditions: ConditionResult[];
}

/** The runs a check reads: only these fields of a run record. */
export type TaskRun = Pick<RunRecord, 'id' | 'createdAt' | 'docJson' | 'status' | 'final' | 'closedForm' | 'graphTitle' | 'graphKey' | 'variant'>;

export interface TaskContext {
  doc: GraphDoc;
  runs: readonly TaskRun[];
}

export function evaluateTask(task: Pick<Task, 'conditions'>, ctx: TaskContext): TaskResult {
  const conditions = Array.isArray(task?.conditions) ? task.conditions : [];
  const view = graphView(ctx?.doc);
  const runs = Array.isArray(ctx?.runs) ? ctx.runs : [];
  const results = conditions.map((c) => checkSafely(c, view, runs));
  return { done: results.length > 0 && results.every((r) => r.ok), conditions: results };
}

function checkSafely(c: Condition, view: GraphView, runs: readonly TaskRun[]): ConditionResult {
  try {
    const r = check(c, view, runs);
    const own = r.ok ? c.met : c.unmet;
    return own && own.trim() !== '' ? { ok: r.ok, sentence: own } : r;
  } catch (e) {
    return { ok: false, sentence: `This condition could not be checked (${e instanceof Error ? e.message : String(e)}).` };
  }
}

function check(c: Condition, view: GraphView, runs: readonly TaskRun[]): ConditionResult {
  switch (c.kind) {
    case 'nodeExists':
      return checkNodeExists(c, view);
    case 'edgeExists':
      return checkEdgeExists(c, view);
    case 'param':
      return checkParam(c, view);
    case 'runMetric':
      return checkRunMetric(c, view, runs);
    case 'nearExact':
      return checkNearExact(c, view, runs);
    case 'boundOrder':
      return checkBoundOrder(c, view, runs);
    default:
      return { ok: false, sentence: 'This condition is of a kind this app does not know.' };
  }
}

// ─── The graph ──────────────────────────────────────────────────────────────────────────

interface GraphView {
  nodes: readonly GraphNode[];
  edges: readonly GraphEdge[];
  /** The open graph as runs name it (title and structure key). */
  open: RunGraph;
}

function graphView(doc: GraphDoc | undefined): GraphView {
  const title = typeof doc?.meta?.title === 'string' ? doc.meta.title : '';
  if (!doc || !Array.isArray(doc.nodes) || !Array.isArray(doc.edges)) return { nodes: [], edges: [], open: { title, key: '' } };
  // What trains is the flattened graph: a node or edge inside a block counts as the graph's.
  let flat: Pick<GraphDoc, 'nodes' | 'edges'> = doc;
  try {
    flat = flattenBlocks(doc).doc;
  } catch {
    /* a broken block: check the top level as it is */
  }
  let key = '';
  try {
    key = structureKey(doc);
  } catch {
    /* no key: no run matches */
  }
  const nodes = flat.nodes.filter((n) => n && typeof n.id === 'string' && typeof n.kind === 'string');
  const edges = flat.edges.filter((e) => e && typeof e.source === 'string' && typeof e.target === 'string');
  return { nodes, edges, open: { title, key } };
}

const norm = (s: string) => s.trim().toLowerCase();

function labelHas(node: GraphNode, label: string | undefined): boolean {
  return label === undefined || (typeof node.label === 'string' && norm(node.label).includes(norm(label)));
}

function matches(node: GraphNode, ref: NodeRef): boolean {
  return (ref.id === undefined || node.id === ref.id) && (ref.nodeKind === undefined || node.kind === ref.nodeKind) && labelHas(node, ref.label);
}

const kindTitle = (kind: string): string => getSpec(kind)?.title ?? kind;

/** "a Sampler", "a Sampler “q(z|x)”", "the node “enc”", "the node labelled “q(z|x)”". */
export function describeRef(ref: NodeRef): string {
  const label = ref.label !== undefined ? ` “${ref.label}”` : '';
  if (ref.id !== undefined) return `the ${ref.nodeKind !== undefined ? kindTitle(ref.nodeKind) : 'node'} “${ref.id}”${ref.label !== undefined ? ` (labelled “${ref.label}”)` : ''}`;
  if (ref.nodeKind !== undefined) return `${article(kindTitle(ref.nodeKind))} ${kindTitle(ref.nodeKind)}${label}`;
  return `a node labelled “${ref.label}”`;
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) && !/^(one|use|uni)/i.test(word) ? 'an' : 'a';
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A node of the graph as the canvas shows it: its label, else its kind's title and id. */
function nodeName(node: GraphNode): string {
  const label = typeof node.label === 'string' ? node.label.trim() : '';
  return label ? `the node “${label}”` : `the ${kindTitle(node.kind)} “${node.id}”`;
}

function checkNodeExists(c: Extract<Condition, { kind: 'nodeExists' }>, view: GraphView): ConditionResult {
  const min = c.min ?? 1;
  const found = view.nodes.filter((n) => n.kind === c.nodeKind && labelHas(n, c.label)).length;
  const title = kindTitle(c.nodeKind);
  const what = `${title}${c.label !== undefined ? ` labelled “${c.label}”` : ''}`;
  if (found >= min) return { ok: true, sentence: min === 1 ? `The graph has ${article(title)} ${what}.` : `The graph has ${found} nodes ${what} (at least ${min}).` };
  if (found === 0) return { ok: false, sentence: `No ${what} yet: add ${min === 1 ? 'one' : min} from the palette${c.label !== undefined ? ' and label it so' : ''}.` };
  return { ok: false, sentence: `${found} of ${min} nodes ${what} so far: add ${min - found} more.` };
}

function portText(port: string | undefined, side: 'output' | 'input'): string {
  return port === undefined ? `any ${side}` : `its ${side} “${port}”`;
}

function checkEdgeExists(c: Extract<Condition, { kind: 'edgeExists' }>, view: GraphView): ConditionResult {
  const from = view.nodes.filter((n) => matches(n, c.from));
  const to = view.nodes.filter((n) => matches(n, c.to));
  const fromText = describeRef(c.from);
  const toText = describeRef(c.to);
  const wanted = `${fromText} (${portText(c.fromPort, 'output')}) to ${toText} (${portText(c.toPort, 'input')})`;
  if (from.length === 0) return { ok: false, sentence: `No ${fromText.replace(/^(an?|the) /, '')} yet: add it, then connect ${wanted}.` };
  if (to.length === 0) return { ok: false, sentence: `No ${toText.replace(/^(an?|the) /, '')} yet: add it, then connect ${wanted}.` };
  const fromIds = new Set(from.map((n) => n.id));
  const toIds = new Set(to.map((n) => n.id));
  const hit = view.edges.some(
    (e) => fromIds.has(e.source) && toIds.has(e.target) && (c.fromPort === undefined || e.sourcePort === c.fromPort) && (c.toPort === undefined || e.targetPort === c.toPort),
  );
  if (hit) return { ok: true, sentence: `${cap(fromText)} is connected to ${toText}${c.toPort !== undefined ? ` at “${c.toPort}”` : ''}.` };
  // Name the nodes as the canvas shows them when the reference picks out one.
  const a = from.length === 1 ? nodeName(from[0]) : fromText;
  const b = to.length === 1 ? nodeName(to[0]) : toText;
  return { ok: false, sentence: `Nothing connects ${a} (${portText(c.fromPort, 'output')}) to ${b} (${portText(c.toPort, 'input')}) yet: drag from the output to the input.` };
}

/** A node's param, its default from the kind's spec when the node does not set it. */
function paramValue(node: GraphNode, param: string): unknown {
  const params = node.params && typeof node.params === 'object' ? node.params : {};
  if (Object.prototype.hasOwnProperty.call(params, param)) return (params as Record<string, unknown>)[param];
  const defaults = getSpec(node.kind)?.defaults as Record<string, unknown> | undefined;
  return defaults && Object.prototype.hasOwnProperty.call(defaults, param) ? defaults[param] : undefined;
}

/** The param's name as the inspector shows it ("Samples J"), else its key. */
function paramLabel(node: GraphNode | undefined, ref: NodeRef, param: string): string {
  const kind = node?.kind ?? ref.nodeKind;
  const field = kind !== undefined ? getSpec(kind)?.fields.find((f) => f.key === param) : undefined;
  return field ? field.label : param;
}

/** A param's value as the inspector shows it: a choice by its label ("log-mean-exp"). */
function paramValueText(node: GraphNode | undefined, ref: NodeRef, param: string, v: unknown): string {
  const kind = node?.kind ?? ref.nodeKind;
  const field = kind !== undefined ? getSpec(kind)?.fields.find((f) => f.key === param) : undefined;
  if (field?.type === 'select') {
    const option = field.options.find((o) => o.value === v);
    if (option) return `“${option.label}”`;
  }
  return showValue(v);
}

function showValue(v: unknown): string {
  if (v === undefined) return 'not set';
  if (typeof v === 'string') return `“${v}”`;
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
  if (typeof v === 'boolean') return v ? 'on' : 'off';
  try {
    return JSON.stringify(v).slice(0, 60);
  } catch {
    return 'a value';
  }
}

function rangeText(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return min === max ? `exactly ${showValue(min)}` : `between ${showValue(min)} and ${showValue(max)}`;
  if (min !== undefined) return `at least ${showValue(min)}`;
  return `at most ${showValue(max)}`;
}

function checkParam(c: Extract<Condition, { kind: 'param' }>, view: GraphView): ConditionResult {
  const nodes = view.nodes.filter((n) => matches(n, c.node));
  const refText = describeRef(c.node);
  const wantText = c.equals !== undefined ? showValue(c.equals) : rangeText(c.min, c.max);
  const label = paramLabel(nodes[0], c.node, c.param);
  if (nodes.length === 0) return { ok: false, sentence: `No ${refText.replace(/^(an?|the) /, '')} yet: add it and set its ${label} to ${wantText}.` };
  const holds = (v: unknown): boolean => {
    if (c.equals !== undefined) return v === c.equals || (typeof v === 'number' && typeof c.equals === 'number' && Math.abs(v - c.equals) <= 1e-12 * Math.max(1, Math.abs(c.equals)));
    return typeof v === 'number' && Number.isFinite(v) && (c.min === undefined || v >= c.min) && (c.max === undefined || v <= c.max);
  };
  const good = nodes.find((n) => holds(paramValue(n, c.param)));
  if (good) return { ok: true, sentence: `${cap(nodeName(good))} has ${label} ${paramValueText(good, c.node, c.param, paramValue(good, c.param))}${c.equals !== undefined ? '' : ` (${wantText})`}.` };
  const now = paramValue(nodes[0], c.param);
  const want = c.equals !== undefined ? paramValueText(nodes[0], c.node, c.param, c.equals) : wantText;
  return { ok: false, sentence: `${cap(nodes.length === 1 ? nodeName(nodes[0]) : refText)} has ${label} ${paramValueText(nodes[0], c.node, c.param, now)}, not yet ${want}: set it in the inspector.` };
}

// ─── Runs ───────────────────────────────────────────────────────────────────────────────

const METRIC_WORDS: Record<RunMetric, string> = { trainLoss: 'training loss', testLoss: 'held-out loss', testNll: 'held-out NLL' };

const nats = (v: number): string => `${Number.isFinite(v) ? v.toFixed(2) : String(v)} nats`;

function finished(runs: readonly TaskRun[]): TaskRun[] {
  return runs.filter((r) => r && r.status === 'finished' && r.final !== undefined && typeof r.docJson === 'string');
}

function latest<R extends TaskRun>(runs: readonly R[]): R | undefined {
  let best: R | undefined;
  for (const r of runs) if (!best || (r.createdAt ?? 0) >= (best.createdAt ?? 0)) best = r;
  return best;
}

/** The latest finished run of exactly the graph on the canvas (its structure, as the runs panel tells). */
function latestRunOfOpen(view: GraphView, runs: readonly TaskRun[]): TaskRun | undefined {
  if (view.open.key === '') return undefined;
  return latest(finished(runs).filter((r) => relationToOpen(r, view.open) === 'open'));
}

function metricOf(run: TaskRun, metric: RunMetric): number | undefined {
  const v = run.final?.[metric];
  return typeof v === 'number' && !Number.isNaN(v) ? v : undefined;
}

function checkRunMetric(c: Extract<Condition, { kind: 'runMetric' }>, view: GraphView, runs: readonly TaskRun[]): ConditionResult {
  const words = METRIC_WORDS[c.metric];
  const want = [c.below !== undefined ? `below ${nats(c.below)}` : '', c.above !== undefined ? `above ${nats(c.above)}` : ''].filter(Boolean).join(' and ');
  const run = latestRunOfOpen(view, runs);
  if (!run) return { ok: false, sentence: `No finished run of this graph yet: press Train (its ${words} should be ${want}).` };
  const v = metricOf(run, c.metric);
  if (v === undefined) return { ok: false, sentence: `The latest run of this graph reports no ${words}: train it again.` };
  const ok = (c.below === undefined || v < c.below) && (c.above === undefined || v > c.above);
  if (ok) return { ok: true, sentence: `The latest run of this graph reached a ${words} of ${nats(v)}, ${want}.` };
  return { ok: false, sentence: `The latest run of this graph has a ${words} of ${nats(v)}, not yet ${want}.` };
}

function checkNearExact(c: Extract<Condition, { kind: 'nearExact' }>, view: GraphView, runs: readonly TaskRun[]): ConditionResult {
  const on = c.on ?? 'test';
  const words = on === 'test' ? 'held-out loss' : 'training loss';
  const run = latestRunOfOpen(view, runs);
  if (!run) return { ok: false, sentence: `No finished run of this graph yet: press Train (its ${words} should come within ${nats(c.within)} of the exact NLL).` };
  const exact = on === 'test' ? run.closedForm?.testNll : run.closedForm?.trainNll;
  if (typeof exact !== 'number' || !Number.isFinite(exact)) return { ok: false, sentence: 'The latest run of this graph has no exact NLL to compare with: the exact value needs a linear-Gaussian model.' };
  const v = metricOf(run, on === 'test' ? 'testLoss' : 'trainLoss');
  if (v === undefined) return { ok: false, sentence: `The latest run of this graph reports no ${words}: train it again.` };
  const gap = Math.abs(v - exact);
  if (gap <= c.within) return { ok: true, sentence: `The latest run's ${words}, ${nats(v)}, is ${nats(gap)} from the exact NLL ${nats(exact)} (within ${nats(c.within)}).` };
  return { ok: false, sentence: `The latest run's ${words}, ${nats(v)}, is ${nats(gap)} from the exact NLL ${nats(exact)}: not yet within ${nats(c.within)}.` };
}

// A run's estimator name is read from the graph it trained (not its editable name), once per run.
const estimatorNames = new Map<string, { docJson: string; name: string }>();

export function runEstimatorName(run: Pick<TaskRun, 'id' | 'docJson'>): string {
  const hit = estimatorNames.get(run.id);
  if (hit && hit.docJson === run.docJson) return hit.name;
  let name = '';
  try {
    const parsed = parseGraphText(run.docJson, 'the run');
    if (parsed.ok) name = estimatorName(parsed.doc);
  } catch {
    name = '';
  }
  if (estimatorNames.size > 500) estimatorNames.clear();
  estimatorNames.set(run.id, { docJson: run.docJson, name });
  return name;
}

/** "IWAE" names "IWAE" and "IWAE, J=5"; "IWAE, J=5" names only that one. */
export function estimatorMatches(runName: string, wanted: string): boolean {
  const a = runName.trim();
  const b = wanted.trim();
  return b !== '' && (a === b || a.startsWith(`${b},`));
}

function checkBoundOrder(c: Extract<Condition, { kind: 'boundOrder' }>, view: GraphView, runs: readonly TaskRun[]): ConditionResult {
  const metric = c.metric ?? 'testLoss';
  const words = METRIC_WORDS[metric];
  // The runs of this graph: the graph on the canvas, its variants and its earlier versions
  // (the runs panel's list, by title), so "train IWAE, make the edit, train the ELBO" counts.
  const mine = finished(runs).filter((r) => runGraph(r).title === view.open.title);
  const pick = (name: string) => latest(mine.filter((r) => estimatorMatches(runEstimatorName(r), name) && metricOf(r, metric) !== undefined));
  const a = pick(c.tighter);
  const b = pick(c.looser);
  const missing = [a ? '' : c.tighter, b ? '' : c.looser].filter(Boolean);
  if (missing.length > 0 || !a || !b)
    return { ok: false, sentence: `No finished run of ${missing.map((m) => `“${m}”`).join(' or of ')} on this graph yet: train ${missing.length > 1 ? 'both' : 'it'} (the variants menu makes one in a click), then compare their ${words}.` };
  const va = metricOf(a, metric)!;
  const vb = metricOf(b, metric)!;
  if (va < vb) return { ok: true, sentence: `“${c.tighter}” has the lower ${words} (${nats(va)} against ${nats(vb)} for “${c.looser}”): its bound is the tighter one.` };
  return { ok: false, sentence: `“${c.tighter}” does not yet have a lower ${words} than “${c.looser}” (${nats(va)} against ${nats(vb)}): train both longer, or with the same settings.` };
}
