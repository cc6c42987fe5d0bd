// The objective as an estimator: what it estimates is whatever its parts compose, so its
// name in runs (recognise.ts) and its formula (composedTex.ts) are read off the graph.
import type { GraphDoc } from '../../graph/document';
import { incoming, nodeById } from '../../graph/queries';
import type { EstimatorCapability } from '../capabilities';
import { findComposedLatent } from '../lossStructure';
import { objectiveOf, samplerOf } from '../registry';
import { composedFormula } from './composedTex';
import { composedRunName, readObjective, type ReadObjective } from './recognise';
import { partWalker, roleLeaves, schemaParams } from './walkParts';

/** Every objective of the graph with what its parts make of it. */
function readObjectives(doc: GraphDoc, J: number): ReadObjective[] {
  const objectives = doc.nodes.filter((n) => objectiveOf(n.kind));
  const found = findComposedLatent(doc, objectives.map((o) => o.id));
  const latent = found.ok ? found.latent : undefined;
  const walk = partWalker(doc, roleLeaves(doc, latent, J, { zs: 'z', params: schemaParams, note: () => {} }));
  const zNode = latent && nodeById(doc, latent.z.node);
  const sampler = samplerOf(zNode?.kind);
  const zKind = { fromPrior: !latent?.proposalId, pointEstimate: !!zNode && (!sampler || sampler.pointEstimate(schemaParams(zNode))) };
  return objectives.map((o) => {
    const e = incoming(doc, o.id, 'term');
    const v = e ? walk(e.source, e.sourcePort) : undefined;
    return { reading: v?.kind === 'term' && latent ? readObjective(v.form, zKind) : undefined, scope: objectiveOf(o.kind)!.scope(o.params) };
  });
}

export const objectiveEstimator: EstimatorCapability = {
  runName: (_p, J, where) => (where ? composedRunName(readObjectives(where.doc, J), J) : `Objective from parts, J=${J}`),
  samples: true,
  meaningOfJ: 'J samples per example, as drawn by the sampler the parts read.',
  order: 6,
  composed: true,
  tex: { formula: composedFormula },
};
