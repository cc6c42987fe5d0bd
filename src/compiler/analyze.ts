// Static analysis of a document: validation, shape inference and the order of evaluation.
// Pure and cheap, so the editor can run it on every edit to pin errors on nodes and show
// shapes on edges; the compiler runs the same analysis before it builds anything.
import type { GraphDoc, GraphNode } from '../graph/document';
import { nodeName } from '../graph/queries';
import { dataSourceOf, getSpec, inputPort, isDataSource, outputPort } from '../nodes/registry';
import type { PortShape } from '../nodes/types';
import { topoOrder } from './topoOrder';
import { objectivesOf } from './objectiveScope';
import { flattenBlocks } from '../graph/blocks/flatten';

export interface GraphIssue {
  nodeId?: string;
  edgeId?: string;
  message: string;
}

export interface Analysis {
  errors: GraphIssue[];
  nodeErrors: Map<string, string[]>;
  outputShapes: Map<string, Record<string, PortShape>>;
  edgeShapes: Map<string, PortShape>;
  order: string[];
  dataDim?: number;
  dataNodeId?: string;
  /** The reported objective: what charts, runs and the CLI show. */
  lossNodeId?: string;
  /** Every objective (loss node); their gradients add, each on its own scope of parameters. */
  objectiveIds: string[];
}

export interface AnalyzeOptions {
  /** Width of the dataset actually loaded (a CLI --data CSV, say); overrides the node's own. */
  dataDim?: number;
}

export function analyzeGraph(doc: GraphDoc, opts: AnalyzeOptions = {}): Analysis {
  doc = flattenBlocks(doc).doc; // blocks (format v3) are expanded into their inner nodes first
  const errors: GraphIssue[] = [];
  const nodeErrors = new Map<string, string[]>();
  const pin = (nodeId: string | undefined, message: string, edgeId?: string) => {
    errors.push({ nodeId, edgeId, message });
    if (nodeId) nodeErrors.set(nodeId, [...(nodeErrors.get(nodeId) ?? []), message]);
  };
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));

  const dataNodes = doc.nodes.filter((n) => isDataSource(n.kind));
  const objectives = objectivesOf(doc);
  if (dataNodes.length === 0) pin(undefined, 'Add a Data node: the model needs observed data x.');
  dataNodes.slice(1).forEach((n) => pin(n.id, 'Only one Data node per graph: remove this one or the other.'));
  if (objectives.all.length === 0) pin(undefined, 'Add a loss node: training needs an objective.');
  else if (objectives.reported.length === 0) {
    pin(objectives.all[0].id, 'No objective is marked as reported: tick "Reported" on the one whose estimate charts and runs should show.');
  }
  // Several objectives train together (their gradients add), but one estimate is reported.
  objectives.reported.slice(1).forEach((n) =>
    pin(n.id, `Only one loss per graph can be the reported estimate, and ${nodeName(objectives.reported[0])} already is: remove this one, or untick "Reported" on one of them.`),
  );

  const dataNode = dataNodes[0];
  let dataDim = opts.dataDim;
  if (dataDim === undefined && dataNode) {
    const p = getSpec(dataNode.kind)!.params.safeParse(dataNode.params);
    if (p.success) dataDim = dataSourceOf(dataNode.kind)!.declaredWidth(p.data);
  }

  const { order, cyclic } = topoOrder(doc);
  for (const id of cyclic) pin(id, 'This node is part of a cycle: a model must flow one way, from data and priors to the loss.');

  for (const e of doc.edges) {
    const s = byId.get(e.source);
    const t = byId.get(e.target);
    const sp = s && outputPort(s.kind, e.sourcePort);
    const tp = t && inputPort(t.kind, e.targetPort);
    if (!sp || !tp) pin(t?.id ?? s?.id, `A connection refers to a port that does not exist (${e.source}.${e.sourcePort} → ${e.target}.${e.targetPort}).`, e.id);
    else if (sp.kind !== tp.kind) pin(t!.id, `Input "${tp.label}" takes a ${tp.kind} but receives a ${sp.kind} from ${nodeName(s!)}.`, e.id);
  }

  const outputShapes = new Map<string, Record<string, PortShape>>();
  const edgeShapes = new Map<string, PortShape>();
  for (const id of order) inferNode(byId.get(id)!);

  function inferNode(node: GraphNode) {
    const spec = getSpec(node.kind);
    if (!spec) return pin(node.id, `Unknown node kind "${node.kind}".`);
    const parsed = spec.params.safeParse(node.params);
    if (!parsed.success) {
      return pin(node.id, `Invalid settings: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'params'} ${i.message}`).join('; ')}.`);
    }
    const inputs: Record<string, PortShape | undefined> = {};
    let upstreamBroken = false;
    for (const port of spec.inputs) {
      const e = doc.edges.find((x) => x.target === node.id && x.targetPort === port.name);
      if (!e) {
        if (!port.optional) pin(node.id, `Connect the input "${port.label}".`);
        continue;
      }
      const shape = outputShapes.get(e.source)?.[e.sourcePort];
      if (!shape) upstreamBroken = true;
      else {
        inputs[port.name] = shape;
        edgeShapes.set(e.id, shape);
      }
    }
    if (upstreamBroken) return;
    if (spec.inputs.some((p) => !p.optional && !inputs[p.name])) return;
    const r = spec.infer({ node, params: parsed.data, inputs, ctx: { dataDim } });
    r.errors.forEach((m) => pin(node.id, m));
    outputShapes.set(node.id, r.outputs);
    for (const m of spec.checkStructure?.({ node, params: parsed.data, doc }) ?? []) pin(node.id, m);
  }

  // Edges out of the last nodes in order have had no consumer fill them in.
  for (const e of doc.edges) {
    const shape = outputShapes.get(e.source)?.[e.sourcePort];
    if (shape) edgeShapes.set(e.id, shape);
  }

  return { errors, nodeErrors, outputShapes, edgeShapes, order, dataDim, dataNodeId: dataNode?.id, lossNodeId: objectives.reported[0]?.id, objectiveIds: objectives.all.map((n) => n.id) };
}
