// The stated limits are the enforced ones: every size-like node parameter listed in
// PARAM_LIMITS is capped by its kind's schema at exactly the stated number.
import { describe, expect, it } from 'vitest';
import { LIMITS } from './limits';
import { PARAM_LIMITS } from '../nodes/paramLimits';
import { getSpec, nodeSpecs } from '../nodes/registry';
import { GRAPH_VERSION, graphDocSchema, trainingSchema } from './document';

function withValue(kind: string, param: string, value: number | string): Record<string, unknown> {
  const defaults = structuredClone(getSpec(kind)!.defaults) as Record<string, unknown>;
  if (param.endsWith('[]')) return { ...defaults, [param.slice(0, -2)]: [value] };
  if (param === 'hidden') return { ...defaults, hidden: Array(Number(value)).fill(1) };
  return { ...defaults, [param]: value };
}

describe('limits', () => {
  it.each(PARAM_LIMITS.map((l) => [l.kind, l.param, l.limit] as const))('%s.%s is capped at LIMITS.%s', (kind, param, limit) => {
    const spec = getSpec(kind)!;
    const n = LIMITS[limit];
    const at = param === 'csvText' ? 'x'.repeat(n) : n;
    const over = param === 'csvText' ? 'x'.repeat(n + 1) : n + 1;
    expect(spec.params.safeParse(withValue(kind, param, at)).success).toBe(true);
    expect(spec.params.safeParse(withValue(kind, param, over)).success).toBe(false);
  });

  it('leaves no numeric node parameter without an upper bound', () => {
    // A param accepting 1e300 would be an uncapped size.
    for (const [kind, spec] of nodeSpecs) {
      for (const [key, value] of Object.entries(spec.defaults as Record<string, unknown>)) {
        if (typeof value !== 'number' && !(Array.isArray(value) && typeof value[0] === 'number')) continue;
        const huge = Array.isArray(value) ? [1e300] : 1e300;
        expect(spec.params.safeParse({ ...(spec.defaults as object), [key]: huge }).success, `${kind}.${key}`).toBe(false);
      }
    }
  });

  it('caps the training settings and the document', () => {
    expect(trainingSchema.safeParse({ batchSize: LIMITS.batchSize + 1 }).success).toBe(false);
    expect(trainingSchema.safeParse({ epochs: LIMITS.epochs + 1 }).success).toBe(false);
    expect(trainingSchema.safeParse({ evalSamples: LIMITS.evalSamples + 1 }).success).toBe(false);
    const doc = { format: 'latent-canvas.graph', version: GRAPH_VERSION, nodes: [], edges: [] };
    expect(graphDocSchema.safeParse(doc).success).toBe(true);
    expect(graphDocSchema.safeParse({ ...doc, source: 's'.repeat(LIMITS.shortChars + 1) }).success).toBe(false);
  });
});
