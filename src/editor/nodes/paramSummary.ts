// The few words under a node's title that say how it is set, e.g. "d=10 · q=2 · noise=0.3".
import type { AnyNodeSpec, FieldSpec } from '../../nodes/types';

const MAX_ITEMS = 4;

export function visibleFields(spec: AnyNodeSpec, params: Record<string, unknown>): FieldSpec[] {
  return spec.fields.filter((f) => !f.showIf || f.showIf(params));
}

function item(f: FieldSpec, v: unknown): string | undefined {
  if (v === undefined || v === '') return undefined;
  if (f.type === 'select') return String(v);
  if (f.type === 'boolean') return v ? f.key : `no ${f.key}`;
  return `${f.key}=${String(v)}`;
}

export function paramSummary(spec: AnyNodeSpec, params: Record<string, unknown>): string {
  const parts = visibleFields(spec, params)
    .map((f) => item(f, params[f.key]))
    .filter((s): s is string => !!s);
  // What the fields do not show (a CSV-backed data node names the file it holds).
  const extra = spec.dataSource?.summary(params);
  if (extra) parts.push(extra);
  return parts.slice(0, MAX_ITEMS).join(' · ');
}
