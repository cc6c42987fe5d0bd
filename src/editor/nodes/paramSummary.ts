// The few words under a node's title that say how it is set and how large it is, e.g.
// "D=784 · fixed · scale=1". Sizes come from the analysis, never from a setting the wiring
// overrides: a Gaussian whose mean is connected takes its size from the mean, not its dim.
import type { AnyNodeSpec, FieldSpec, PortShape } from '../../nodes/types';

const MAX_ITEMS = 4;

export function visibleFields(spec: AnyNodeSpec, params: Record<string, unknown>): FieldSpec[] {
  return spec.fields.filter((f) => !f.showIf || f.showIf(params));
}

/** What the analysis knows of a node: its connected inputs and its inferred output shapes. */
export interface NodeShapes {
  connected: ReadonlySet<string>;
  outputs: Readonly<Record<string, PortShape | undefined>>;
}

function item(f: FieldSpec, v: unknown): string | undefined {
  if (v === undefined || v === '') return undefined;
  if (f.type === 'select') return String(v);
  if (f.type === 'boolean') return v ? f.key : `no ${f.key}`;
  return `${f.key}=${String(v)}`;
}

const overridden = (f: FieldSpec, shapes: NodeShapes | undefined) => 'unlessConnected' in f && !!f.unlessConnected && !!shapes?.connected.has(f.unlessConnected);

/** "D=784", or "mean D=20 · logvar D=20"-like per port when the outputs differ; undefined when a shown setting already says it. */
function sizeItem(fields: FieldSpec[], params: Record<string, unknown>, shapes: NodeShapes | undefined): string | undefined {
  if (!shapes) return undefined;
  const dims = Object.entries(shapes.outputs).flatMap(([port, s]) => (s && (s.kind === 'tensor' || s.kind === 'dist') ? [[port, s.dim] as const] : []));
  if (dims.length === 0) return undefined;
  const distinct = new Set(dims.map(([, d]) => d));
  // A visible number setting equal to the size is that size (a prior's dim, an MLP's outputs).
  const stated = new Set(fields.filter((f) => f.type === 'number' || f.type === 'dim-or-data').map((f) => params[f.key]));
  if (distinct.size === 1) {
    const d = dims[0][1];
    return stated.has(d) ? undefined : `D=${d}`;
  }
  return dims.map(([port, d]) => `${port} D=${d}`).join(' · ');
}

export function paramSummary(spec: AnyNodeSpec, params: Record<string, unknown>, shapes?: NodeShapes): string {
  const fields = visibleFields(spec, params).filter((f) => !overridden(f, shapes) && !('inSummary' in f && f.inSummary === false));
  const parts = fields.map((f) => item(f, params[f.key])).filter((s): s is string => !!s);
  const size = sizeItem(fields, params, shapes);
  if (size) parts.unshift(size);
  // What the fields do not show (a CSV-backed data node names the file it holds).
  const extra = spec.dataSource?.summary(params);
  if (extra) parts.push(extra);
  return parts.slice(0, MAX_ITEMS).join(' · ');
}

/** A node's title: the user's label, else what a data node holds, else the kind's title. */
export function nodeTitle(spec: AnyNodeSpec | undefined, label: string | undefined, params: Record<string, unknown>, fallback: string): string {
  return label?.trim() || spec?.dataSource?.label(params) || spec?.title || fallback;
}
