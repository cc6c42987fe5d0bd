// The open graph's title and structure key, for telling which runs are its own. The key is
// computed once per structure (store/analysis.ts's token), so a drag recomputes nothing.
import { useShallow } from 'zustand/react/shallow';
import { structureKey } from '../../graph/structureKey';
import { useGraphStore } from '../../store';
import { structureOf } from '../../store/analysis';
import type { GraphDoc } from '../../graph/document';
import type { RunGraph } from '../../store/runGraph';

const keys = new WeakMap<object, string>();

function keyOf(doc: GraphDoc): string {
  const token = structureOf(doc);
  let k = keys.get(token);
  if (k === undefined) keys.set(token, (k = structureKey(doc)));
  return k;
}

export function useOpenGraph(): RunGraph {
  return useGraphStore(useShallow((s) => ({ title: s.doc.meta.title, key: keyOf(s.doc) })));
}
