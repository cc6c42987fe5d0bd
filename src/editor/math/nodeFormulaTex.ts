// The short formula a node shows under its title: what this node computes, as it is set
// and wired (a Gaussian with no inputs is a prior N(0, ν²I_q), with a log-variance input a
// diagonal encoder…). The kind's full formula (spec.formula) is shown in the inspector and
// on hover. Pure; numbers come from validated params only, never text from the file.
import { dimOf } from '../../nodes/types';
import type { GraphDoc, GraphNode } from '../../graph/document';
import { incoming } from '../../graph/queries';
import { getSpec } from '../../nodes/registry';
import { activationTex, texNumber } from '../../compiler/objectiveFormula';
import type { Analysis } from '../../compiler/analyze';

function paramsOf(node: GraphNode): Record<string, unknown> {
  const spec = getSpec(node.kind);
  if (!spec) return {};
  const r = spec.params.safeParse(node.params);
  return (r.success ? r.data : spec.defaults) as Record<string, unknown>;
}

const act = (a: unknown, body: string) => {
  const t = activationTex(a);
  return t ? `${t}(${body})` : body;
};

interface Wiring {
  has(port: string): boolean;
  /** Width of the tensor arriving at the input, when known. */
  inDim: number | undefined;
  size(u: unknown): string;
}

type Compact = (node: GraphNode, p: Record<string, unknown>, w: Wiring) => string;

const arrow = (a: unknown) => (activationTex(a) ? `\\xrightarrow{${activationTex(a)}}` : '\\to');

const COMPACT: Record<string, Compact> = {
  data: (_n, p) =>
    p.source === 'mnist' ? 'x \\in [0, 1]^{784}' : p.source === 'csv' ? `x \\in \\mathbb{R}^{${Number(p.columns) > 0 ? texNumber(p.columns) : 'd'}}` : `x = W z + \\xi \\in \\mathbb{R}^{${texNumber(p.d)}}`,
  gaussian: (_n, p, { has }) => {
    if (!has('mean')) return `\\mathcal{N}(0, \\nu^2 I_{${texNumber(p.dim)}})`;
    if (has('logvar')) return '\\mathcal{N}(m, \\operatorname{diag} e^{v})';
    return '\\mathcal{N}(m, \\sigma^2 I)';
  },
  bernoulli: () => '\\mathrm{Bern}\\big(\\mathrm{sigmoid}(\\ell)\\big)',
  linear: (_n, p, w) => `W z${p.bias === false ? '' : ' + b'},\\ W \\in \\mathbb{R}^{${w.size(p.units)} \\times ${w.size(w.inDim)}}`,
  dense: (_n, p, w) => `${act(p.activation, 'W z + b')},\\ W \\in \\mathbb{R}^{${w.size(p.units)} \\times ${w.size(w.inDim)}}`,
  mlp: (_n, p, w) => {
    const hidden = Array.isArray(p.hidden) ? p.hidden : [];
    const steps = hidden.map((h) => `${arrow(p.activation)} ${texNumber(h)}`);
    steps.push(`${arrow(p.outputActivation)} ${w.size(p.outputs)}`);
    return `${w.size(w.inDim)} ${steps.join(' ')}`;
  },
  sampler: (_n, p) => {
    if (p.mode === 'mean') return '\\hat z = \\mathbb{E}[z]';
    const J = Number(p.samples);
    return J > 1 ? `z_j = \\mu + s \\odot \\varepsilon_j,\\ j \\le ${texNumber(J)}` : 'z = \\mu + s \\odot \\varepsilon';
  },
  exactNll: () => '-\\log \\mathcal{N}(x \\mid b,\\, \\nu^2 W W^\\top + \\sigma^2 I)',
  autoencoderLoss: () => '-\\log p(x \\mid \\hat z) - \\log p(\\hat z)',
  mcPriorLoss: () => '-\\log \\frac{1}{J} \\sum_j p(x \\mid z_j)',
  iwaeLoss: () => '-\\log \\frac{1}{J} \\sum_j \\frac{p(x, z_j)}{q(z_j \\mid x)}',
  elboLoss: (_n, p) => (p.kl === 'mc' ? '\\mathbb{E}_q\\Big[\\log \\frac{q(z \\mid x)}{p(x, z)}\\Big]' : '\\mathbb{E}_q[-\\log p(x \\mid z)] + \\mathrm{KL}(q \\,\\|\\, p)'),
};

/**
 * The compact formula for one node of the document ('' when there is none). With the
 * document's analysis, sizes given as "data" and input widths are filled in.
 */
export function nodeFormula(doc: GraphDoc, nodeId: string, analysis?: Analysis): string {
  const node = doc.nodes.find((n) => n.id === nodeId);
  if (!node) return '';
  const compact = COMPACT[node.kind];
  if (!compact) return getSpec(node.kind)?.formula ?? '';
  const inEdge = incoming(doc, node.id, 'in');
  const inShape = inEdge ? analysis?.edgeShapes.get(inEdge.id) : undefined;
  const wiring: Wiring = {
    has: (port) => !!incoming(doc, node.id, port),
    inDim: dimOf(inShape),
    size: (u) => {
      const v = u === 'data' ? analysis?.dataDim : u;
      return typeof v === 'number' ? texNumber(v) : u === 'data' ? 'd' : '\\cdot';
    },
  };
  return compact(node, paramsOf(node), wiring);
}
