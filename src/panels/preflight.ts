// What the training panel can tell before Train is pressed, from the analysis alone: a run
// the worker would refuse for its memory, and warnings about a model that cannot fit its
// data. The worker checks again on the data it loads; this only saves a round trip.
import { useGraphStore } from '../store';
import { analysisOf, perStructure } from '../store/analysis';
import { estimateMemory, memoryRefusal } from '../compiler/memoryEstimate';
import { browserMemoryBudget } from '../training/memoryCheck';
import { graphWarnings } from '../editor/nodes/nodeWarnings';
import type { GraphDoc } from '../graph/document';

export interface Preflight {
  refusal?: string;
  warnings: string[];
}

const cache = new WeakMap<object, Map<string, Preflight>>();

export function preflight(doc: GraphDoc, deviceMemoryGb: number | undefined): Preflight {
  return perStructure(cache, doc, String(deviceMemoryGb), () => {
    const analysis = analysisOf(doc);
    const warnings = [...graphWarnings(doc).values()].flat();
    if (analysis.errors.length) return { warnings };
    const budget = browserMemoryBudget(deviceMemoryGb);
    const r = memoryRefusal(estimateMemory({ doc, analysis, settings: doc.training }), doc.training, budget.bytes, budget.where);
    return { refusal: r?.message, warnings };
  });
}

export function usePreflight(): Preflight {
  const deviceMemory = typeof navigator === 'undefined' ? undefined : (navigator as { deviceMemory?: number }).deviceMemory;
  return useGraphStore((s) => preflight(s.doc, deviceMemory));
}
