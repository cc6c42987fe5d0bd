// The size-like node params and their LIMITS, gathered from each kind's spec (`paramLimits`),
// and the words the file parser and the editor use for a value over its cap.
import { formatLimit, type LimitName } from '../graph/limits';
import { nodeSpecs } from './registry';

/** A node parameter with a size-like cap: which limit it is held to, and what it means. */
export interface ParamLimit {
  kind: string;
  /** The param key; `hidden[]` means each element of the `hidden` list. */
  param: string;
  limit: LimitName;
  what: string;
}

export const PARAM_LIMITS: readonly ParamLimit[] = [...nodeSpecs.values()].flatMap((s) => (s.paramLimits ?? []).map((l) => ({ kind: s.kind, ...l })));

/** The limit a node parameter's value exceeded, worded: "is over the limit for a layer width (8,192)". */
export function paramLimitText(kind: string, path: readonly PropertyKey[]): string | undefined {
  const key = path.length > 1 && typeof path[1] === 'number' ? `${String(path[0])}[]` : String(path[0] ?? '');
  const hit = PARAM_LIMITS.find((l) => l.kind === kind && l.param === key);
  if (!hit) return undefined;
  return `is over the limit for ${hit.what} (${formatLimit(hit.limit)}${hit.limit === 'csvChars' ? ' characters' : ''})`;
}
