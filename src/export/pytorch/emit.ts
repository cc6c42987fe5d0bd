// model.py from a (flattened) graph: the preamble's helpers, the parameters with the app's
// saved names, and the Model whose methods are the nodes' own statements (each kind's
// export hook, src/nodes/<kind>/export.ts) in topological order.
import type { GraphDoc, GraphNode } from '../../graph/document';
import { nodeName, upstream } from '../../graph/queries';
import type { Analysis } from '../../compiler/analyze';
import type { PyContext } from '../../nodes/capabilities';
import type { LatentStructure } from '../../nodes/lossStructure';
import type { LinearGaussianChain } from '../../nodes/exactNll/structure';
import { exactNllExpression } from '../../nodes/exactNll/export';
import { getSpec, isDataSource, pytorchOf } from '../../nodes/registry';
import { pyString } from '../../nodes/python';
import { MODEL_PREAMBLE } from './python/modelPreamble';
import { ExportError } from './errors';

export interface ExportedObjective {
  nodeId: string;
  scope: string;
  reported: boolean;
  /** Saved names of the parameters it trains. */
  trains: string[];
}

export interface ModelPlan {
  /** The graph with its blocks expanded (what the app compiles). */
  doc: GraphDoc;
  analysis: Analysis;
  /** Every parameter, in the app's order, by its saved name. */
  parameters: { name: string; shape: number[] }[];
  objectives: ExportedObjective[];
  latent?: LatentStructure;
  /** The linear-Gaussian chain, when the held-out NLL is exact. */
  chain?: LinearGaussianChain;
}

const PY_KEYWORDS = new Set('False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield x B P noise progress torch nn F math'.split(' '));

/** Python identifiers for node ids: letters, digits and _, unique, never a keyword. */
function identifiers(nodes: GraphNode[]): Map<string, string> {
  const used = new Set<string>();
  const out = new Map<string, string>();
  for (const n of nodes) {
    let base = n.id.replace(/[^A-Za-z0-9_]/g, '_');
    if (!/^[A-Za-z_]/.test(base) || PY_KEYWORDS.has(base)) base = `n_${base}`;
    let name = base;
    for (let i = 2; used.has(name); i++) name = `${base}_${i}`;
    used.add(name);
    out.set(n.id, name);
  }
  return out;
}

const indent = (lines: string[], depth = 2) => lines.map((l) => (l ? ' '.repeat(4 * depth) + l : l));

export function emitModelPy(plan: ModelPlan): string {
  const { doc, analysis } = plan;
  const ids = identifiers(doc.nodes);
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const saved = new Set(plan.parameters.map((p) => p.name));
  const varOf = (nodeId: string, port: string) => `${ids.get(nodeId)}_${port}`;

  const context = (node: GraphNode): PyContext => {
    const spec = getSpec(node.kind)!;
    const incoming = (port: string) => doc.edges.find((e) => e.target === node.id && e.targetPort === port);
    const ctx: PyContext = {
      node,
      params: spec.params.parse(node.params) as Record<string, unknown>,
      doc,
      input: (port) => {
        const e = incoming(port);
        return e && varOf(e.source, e.sourcePort);
      },
      output: (port) => varOf(node.id, port),
      param: (local) => {
        const name = `${node.id}/${local}`;
        if (!saved.has(name)) throw new Error(`internal: ${node.kind} node "${node.id}" has no parameter ${local}`);
        return `P[${pyString(name)}]`;
      },
      inputShape: (port) => {
        const e = incoming(port);
        return e && analysis.outputShapes.get(e.source)?.[e.sourcePort];
      },
      outputShape: (port) => analysis.outputShapes.get(node.id)?.[port],
      inputIsData: (port) => isDataSource(byId.get(incoming(port)?.source ?? '')?.kind),
      batch: 'B',
      progress: 'progress',
      noise: `noise.keyed(${pyString(node.id)})`,
      other: (id) => {
        const n = byId.get(id);
        return n && context(n);
      },
      ownLogVariance: () => pytorchOf(node.kind)?.ownLogVariance?.(ctx),
    };
    return ctx;
  };

  /** The statements computing `nodes` in topological order; a given node's output is taken as is. */
  const statements = (nodes: Set<string>, given?: { node: string; port: string; value: string }): string[] => {
    const lines: string[] = [];
    for (const id of analysis.order) {
      if (!nodes.has(id)) continue;
      const node = byId.get(id)!;
      lines.push(`# ${nodeName(node).replace(/\s+/g, ' ')} (${getSpec(node.kind)!.title})`);
      if (given?.node === id) {
        lines.push(`${varOf(id, given.port)} = ${given.value}`);
        continue;
      }
      const hook = pytorchOf(node.kind);
      if (!hook) throw new ExportError(`${getSpec(node.kind)?.title ?? node.kind} nodes cannot be exported to PyTorch.`, id);
      lines.push(...hook.forward(context(node)));
    }
    return lines;
  };

  const objectiveIds = plan.objectives.map((o) => o.nodeId);
  const objectiveNodes = new Set(upstream(doc, objectiveIds).map((n) => n.id));
  const names = plan.parameters.map((p) => p.name);
  // Objectives that train the same parameters share one pass (as the app's trainer does).
  const groups = new Map<string, ExportedObjective[]>();
  for (const o of plan.objectives) groups.set(o.trains.join('\n'), [...(groups.get(o.trains.join('\n')) ?? []), o]);
  const reported = plan.objectives.find((o) => o.reported)!;

  const py: string[] = [
    `# model.py — "${doc.meta.title.replace(/\s+/g, ' ')}" as PyTorch, written by Latent Canvas's export.`,
    '# Each block of statements below is one node of the graph, in the order the app evaluates them.',
    '# Parameters keep the names the app saves them under, so weights move both ways.',
    MODEL_PREAMBLE,
    '',
    '# (saved name, shape) of every parameter, in the app\'s order.',
    'PARAMETERS = [',
    ...plan.parameters.map((p) => `    (${pyString(p.name)}, (${p.shape.join(', ')}${p.shape.length === 1 ? ',' : ''})),`),
    ']',
    '',
    '# Every objective: its scope, whether charts report it, the parameters it trains.',
    'OBJECTIVES = [',
    ...plan.objectives.map((o) => `    {"node": ${pyString(o.nodeId)}, "scope": ${pyString(o.scope)}, "reported": ${o.reported ? 'True' : 'False'}},`),
    ']',
    `REPORTED = ${pyString(reported.nodeId)}`,
    '',
    '# Objectives over the same parameters share a pass; the rest of the parameters are held fixed in it.',
    'OBJECTIVE_GROUPS = [',
    ...[...groups.values()].map((g) => `    {"objectives": [${g.map((o) => pyString(o.nodeId)).join(', ')}], "frozen": [${names.filter((n) => !g[0].trains.includes(n)).map(pyString).join(', ')}]},`),
    ']',
    '',
    `HAS_LATENT = ${plan.latent ? 'True' : 'False'}`,
    `HAS_PROPOSAL = ${plan.latent?.proposalId ? 'True' : 'False'}`,
    `HAS_EXACT_NLL = ${plan.chain ? 'True' : 'False'}`,
    '',
    '',
    'class Model(nn.Module):',
    `    """${doc.meta.title.replace(/"/g, "'").replace(/\s+/g, ' ')}: x [B, D] in, per-example losses [B] in nats out."""`,
    '',
    '    def __init__(self):',
    '        super().__init__()',
    '        self.names = [name for name, _ in PARAMETERS]',
    '        self.weights = nn.ParameterList([nn.Parameter(torch.zeros(shape)) for _, shape in PARAMETERS])',
    '',
    '    def by_name(self, frozen=()):',
    '        """The parameters by saved name; those in frozen without a gradient."""',
    '        return {n: (w.detach() if n in frozen else w) for n, w in zip(self.names, self.weights)}',
    '',
    '    def forward(self, x, noise, progress=None):',
    '        """The training loss of a batch (every objective\'s batch mean, each over the',
    '        parameters it trains) and the reported objective\'s batch mean."""',
    '        total, reported = 0.0, None',
    '        for group in OBJECTIVE_GROUPS:',
    '            losses = self.objectives(x, noise, progress, frozen=set(group["frozen"]))',
    '            for node in group["objectives"]:',
    '                loss = losses[node].mean()',
    '                total = total + loss',
    '                if node == REPORTED:',
    '                    reported = loss',
    '        return total, reported',
    '',
    '    def objectives(self, x, noise, progress=None, frozen=()):',
    '        """Every objective\'s per-example loss [B]; progress = (step, steps_per_epoch) drives warm-ups."""',
    '        P = self.by_name(frozen)',
    '        B = x.shape[0]',
    ...indent(statements(objectiveNodes)),
    `        return {${plan.objectives.map((o) => `${pyString(o.nodeId)}: ${varOf(o.nodeId, 'loss')}`).join(', ')}}`,
  ];

  if (plan.latent) {
    const { latent } = plan;
    const latentNodes = new Set(upstream(doc, [latent.priorId, ...(latent.proposalId ? [latent.proposalId] : [])]).map((n) => n.id));
    py.push(
      '',
      '    def latent(self, x, noise):',
      '        """The prior p(z) and the proposal q(z|x) (the prior when the graph has none), for the held-out NLL."""',
      '        P = self.by_name()',
      '        B = x.shape[0]',
      '        progress = None',
      ...indent(statements(latentNodes)),
      `        return ${varOf(latent.priorId, 'dist')}, ${varOf(latent.proposalId ?? latent.priorId, 'dist')}`,
    );
    // The likelihood's inputs, stopping at z: the latent comes from the caller's samples.
    const likNodes = new Set<string>();
    const stack = [latent.likelihoodId];
    while (stack.length) {
      const id = stack.pop()!;
      if (likNodes.has(id)) continue;
      likNodes.add(id);
      if (id !== latent.z.node) for (const e of doc.edges) if (e.target === id) stack.push(e.source);
    }
    py.push(
      '',
      '    def likelihood(self, x, z, noise):',
      '        """p(x | z) for latent samples z [K, B, d_z] given in place of the graph\'s own."""',
      '        P = self.by_name()',
      '        B = x.shape[0]',
      '        progress = None',
      ...indent(statements(likNodes, { node: latent.z.node, port: latent.z.port, value: 'z' })),
      `        return ${varOf(latent.likelihoodId, 'dist')}`,
    );
  }
  if (plan.chain) {
    const chain = plan.chain;
    const anyNode = byId.get(chain.likelihoodId)!;
    py.push(
      '',
      '    def exact_nll(self, x):',
      '        """−log p(x) per example in closed form: the model is linear-Gaussian."""',
      '        P = self.by_name()',
      `        return ${exactNllExpression(context(anyNode), chain, 'x')}`,
    );
  }
  py.push('');
  return py.join('\n');
}
