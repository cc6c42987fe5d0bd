// A sweep's `--set NODE.PARAM=v1,v2,...` arguments, read as text: which node (an id or a
// label, as written), which param, and the values. Nothing here knows the graph; resolve.ts
// finds the node and values.ts reads each value with the node kind's schema.

/** A problem with the sweep's arguments, found before anything trains: one sentence. */
export class SweepError extends Error {}

export interface SetSpec {
  /** The argument as given, for messages ("sampler.samples=1,5,50"). */
  arg: string;
  /** The node as written: an id or a label. */
  node: string;
  param: string;
  /** The values as written, one per cell of this axis. */
  values: string[];
}

/**
 * Splits at top-level commas: "1,5,50" → ["1", "5", "50"]; a bracketed JSON value keeps its
 * commas ("[400,200],[64]" → ["[400,200]", "[64]"]).
 */
export function splitValues(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '[' || c === '{') depth++;
    else if ((c === ']' || c === '}') && depth > 0) depth--;
    else if (c === ',' && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out.map((v) => v.trim());
}

/**
 * "NODE.PARAM=v1,v2": the node is everything before the first ".PARAM=" (PARAM an
 * identifier), so labels with spaces, commas and "=" in them work ("Prior p(z) = N(0, I).dim=2").
 */
export function parseSetArg(arg: string): SetSpec {
  const m = /^(.+?)\.([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(arg);
  if (!m) throw new SweepError(`--set ${arg}: expected NODE.PARAM=v1,v2,... (NODE a node id or label, e.g. --set sampler.samples=1,5,50 or --set loss.kind=elboLoss,iwaeLoss).`);
  const [, node, param, list] = m;
  const values = splitValues(list);
  const empty = values.findIndex((v) => v === '');
  if (empty >= 0) throw new SweepError(`--set ${arg}: value ${empty + 1} is empty; give the values separated by commas, e.g. ${node}.${param}=1,5.`);
  const seen = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) throw new SweepError(`--set ${arg}: the value ${v} is given twice.`);
    seen.add(v);
  }
  return { arg, node: node.trim(), param, values };
}
