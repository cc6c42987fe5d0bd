// Does the model's likelihood fit the values of its data? A Bernoulli likelihood on data
// outside [0, 1] trains, but its "log-likelihood" is then no density at all and the reported
// NLL can be negative. The check is generic: the data node's spec states the range of its
// source, each likelihood's spec the support it needs; nothing here knows a kind by name.
// A warning, not an error: training may still start.
import type { GraphDoc } from '../graph/document';
import { getSpec } from '../nodes/registry';
import type { SupportSpec, ValueRange } from '../nodes/types';
import type { Analysis, GraphIssue } from './analyze';

/**
 * One warning per likelihood whose support the data leave. `observed` is the range of the
 * data actually loaded (a run, the CLI's --data); without it the data node's spec is asked.
 */
export function dataSupportWarnings(doc: GraphDoc, analysis: Analysis, observed?: ValueRange): GraphIssue[] {
  const range = observed ?? declaredRange(doc, analysis);
  if (!range) return [];
  const out: GraphIssue[] = [];
  for (const node of doc.nodes) {
    const support = getSpec(node.kind)?.support;
    if (support && (range.min < support.min || range.max > support.max)) out.push({ nodeId: node.id, message: supportMessage(range, support) });
  }
  return out;
}

/** The smallest and largest value over datasets (train and test: the likelihood sees both). */
export function valueRangeOf(sets: { x: Float32Array; n: number; d: number }[]): ValueRange {
  let min = Infinity;
  let max = -Infinity;
  for (const ds of sets) {
    for (let i = 0; i < ds.n * ds.d; i++) {
      const v = ds.x[i];
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  return { min, max };
}

function declaredRange(doc: GraphDoc, analysis: Analysis): ValueRange | undefined {
  const node = doc.nodes.find((n) => n.id === analysis.dataNodeId);
  const spec = node && getSpec(node.kind);
  const parsed = spec?.params.safeParse(node!.params);
  return parsed?.success ? spec!.valueRange?.(parsed.data) : undefined;
}

/** 3 significant digits, with a real minus sign: "−3.2", "4.1", "1.23e+5". */
export function formatValue(v: number): string {
  const s = String(Number(v.toPrecision(3)));
  return s.startsWith('-') ? `−${s.slice(1)}` : s;
}

export function supportMessage(range: ValueRange, support: SupportSpec): string {
  const data = Number.isFinite(range.min) && Number.isFinite(range.max) ? `The data range from ${formatValue(range.min)} to ${formatValue(range.max)}` : 'The data are unbounded (synthetic Gaussian values)';
  return `${data}; ${support.what} needs values in [${formatValue(support.min)}, ${formatValue(support.max)}], so its loss is not a negative log-likelihood here and can even be negative — ${support.remedy}.`;
}
