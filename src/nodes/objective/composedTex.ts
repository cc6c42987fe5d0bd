// The formula of objectives built from parts: each objective's term composed from its
// parts' own TeX (walkParts.ts), negated and averaged over the batch, with what it trains
// when the graph has several or a scoped one; under them, the distributions, the sampling
// and the networks as the built-in estimators write them, and the parts' legends.
import type { GraphNode } from '../../graph/document';
import { incoming, nodeById, nodeName } from '../../graph/queries';
import type { ObjectiveScopeName } from '../capabilities';
import { findComposedLatent } from '../lossStructure';
import { getSpec, objectiveOf } from '../registry';
import { assembleRows, bracketed, MEAN_OVER_BATCH, missingTerm, type FormulaContext, type PartTerm } from '../tex';
import { readingLabel, readObjective } from './recognise';
import { partWalker, roleLeaves } from './walkParts';

const TRAINS: Record<ObjectiveScopeName, string> = {
  all: 'trains all parameters',
  encoder: 'trains the encoder',
  decoder: 'trains the decoder and the prior',
};
const SUBSCRIPT: Record<ObjectiveScopeName, string> = { all: '', encoder: '\\text{enc}', decoder: '\\text{dec}' };

export function composedFormula(b: FormulaContext, _reported: GraphNode): string {
  const { doc } = b;
  const objectives = doc.nodes.filter((n) => objectiveOf(n.kind));
  if (doc.nodes.some((n) => getSpec(n.kind)?.family === 'loss' && !objectiveOf(n.kind))) {
    b.problem('A built-in loss trains alongside the objectives from parts: the formula shows only the objectives.');
  }
  const found = findComposedLatent(doc, objectives.map((o) => o.id));
  if (!found.ok) b.problem(found.reason);
  const latent = found.ok ? found.latent : undefined;
  const zNode = latent ? nodeById(doc, latent.z.node) : undefined;
  const { J, zs, sampled } = b.useLatent(zNode, latent?.z.port ?? 'z');
  const zKind = { fromPrior: !latent?.proposalId, pointEstimate: !!zNode && !sampled };

  const notes: string[] = [];
  const note = (l: string) => void (notes.includes(l) || notes.push(l));
  const walk = partWalker(
    doc,
    roleLeaves(doc, latent, J, {
      zs,
      params: (n) => b.params(n),
      note,
      otherTensor: (n, port, perSample) => b.call(b.tensor(n, port, 'h', 'the value'), perSample ? 'n,j' : 'n'),
      missing: (n, port) => b.problem(`Connect ${port.label} of ${nodeName(n)}.`),
    }),
  );

  const several = objectives.length > 1;
  const lhsUsed = new Map<string, number>();
  const heads = objectives.map((o) => {
    const e = incoming(doc, o.id, 'term');
    if (!e) b.problem(`Connect a term to ${nodeName(o)}: one number per example, reduced over the samples.`);
    const v = e ? walk(e.source, e.sourcePort) : undefined;
    const term: PartTerm = v?.kind === 'term' ? v : missingTerm();
    const label = readingLabel(readObjective(term.form, zKind), J);
    // Negated inside the batch mean, as the built-in estimators write their loss term.
    const negated = `-${bracketed(term)}`;
    const body = label ? `\\underbrace{${negated}}_{${label}}` : negated;
    const cap = objectiveOf(o.kind)!;
    const scope = cap.scope(o.params);
    const reported = cap.reported(o.params);
    const said = several || scope !== 'all' ? `\\qquad \\text{(${TRAINS[scope]}${several && reported ? '; reported' : ''})}` : '';
    const sub = SUBSCRIPT[scope];
    const k = (lhsUsed.get(sub) ?? 0) + 1;
    lhsUsed.set(sub, k);
    const index = [sub, k > 1 ? String(k) : ''].filter(Boolean).join(',');
    return { lhs: `\\mathcal{L}${index ? `_{${index}}` : ''}`, tex: `${MEAN_OVER_BATCH} ${body}${said}` };
  });

  const node = (id: string | undefined) => (id ? nodeById(doc, id) : undefined);
  const lines = b.latentLines(
    { x: undefined, likelihood: node(latent?.likelihoodId), prior: node(latent?.priorId), proposal: node(latent?.proposalId), withProposal: !!latent?.proposalId, zNode, zPort: latent?.z.port ?? 'z', J },
    notes,
  );
  return assembleRows(heads, lines);
}
