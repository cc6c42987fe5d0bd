// What the canvas shows and edits: the top graph, or the definition of the block opened
// last (blockPath). Every edit of the store goes through the view (docSlice.ts): it is made
// on the view's document and written back into the definition (src/graph/blocks/scope.ts).
import type { BlockDef, GraphDoc } from '../graph/document';
import { resolvePath, scopeDefId, scopedDoc, type ScopeLevel } from '../graph/blocks/scope';

export interface View {
  /** The whole document (what is saved and undone). */
  root: GraphDoc;
  /** The definition shown, or undefined for the top graph. */
  defId: string | undefined;
  def: BlockDef | undefined;
  /** A document whose nodes and edges are the view's: edits apply to it. */
  doc: GraphDoc;
}

export function viewOf(s: { doc: GraphDoc; blockPath: readonly string[] }): View {
  const defId = s.blockPath.length ? scopeDefId(s.doc, s.blockPath) : undefined;
  return { root: s.doc, defId, def: defId === undefined ? undefined : s.doc.blocks?.[defId], doc: scopedDoc(s.doc, defId) };
}

/** The view's document (same object while the document and path do not change). */
export function viewDoc(s: { doc: GraphDoc; blockPath: readonly string[] }): GraphDoc {
  return s.blockPath.length ? scopedDoc(s.doc, scopeDefId(s.doc, s.blockPath)) : s.doc;
}

/** The levels open, from the top down (those that still exist). */
export function openLevels(s: { doc: GraphDoc; blockPath: readonly string[] }): ScopeLevel[] {
  return s.blockPath.length ? resolvePath(s.doc, s.blockPath) : [];
}
