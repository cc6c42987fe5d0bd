// Why the last export could not be written, pinned on the node it is about (beside that
// node's own warnings) until the graph's structure changes or the next export starts. The
// node id is one of the flattened graph (what the exporter sees); like the analysis's
// errors, it shows on the block that holds it while the block is closed.
import { create } from 'zustand';
import type { GraphDoc } from '../graph/document';
import { structureKey } from '../graph/structureKey';
import { flattenBlocks } from '../graph/blocks/flatten';
import { useGraphStore } from './index';

export interface ExportProblem {
  /** A node id of the flattened graph. */
  nodeId: string;
  message: string;
  /** structureKey() of the document the export was asked for. */
  structure: string;
}

export const useExportProblem = create<{ problem: ExportProblem | null }>()(() => ({ problem: null }));

export function setExportProblem(doc: Pick<GraphDoc, 'nodes' | 'edges'>, nodeId: string, message: string): void {
  useExportProblem.setState({ problem: { nodeId, message, structure: structureKey(doc) } });
}

export function clearExportProblem(): void {
  if (useExportProblem.getState().problem) useExportProblem.setState({ problem: null });
}

/** The node of the canvas showing `flatId` at `blockPath`: the node itself, or the closed block holding it. */
export function shownNodeOf(doc: GraphDoc, blockPath: readonly string[], flatId: string): string | undefined {
  const path = flattenBlocks(doc).nodePath.get(flatId) ?? (doc.nodes.some((n) => n.id === flatId) ? [flatId] : undefined);
  const k = blockPath.length;
  if (!path || path.length <= k || !blockPath.every((id, i) => path[i] === id)) return undefined;
  return path[k];
}

/** React: the export problem pinned on this canvas node, if any (and the graph is still the one exported). */
export function useNodeExportProblem(nodeId: string): string | undefined {
  const problem = useExportProblem((s) => s.problem);
  // Only while there is a problem does a node look at the document (one cached lookup each).
  return useGraphStore((s) => (problem && structureKey(s.doc) === problem.structure && shownNodeOf(s.doc, s.blockPath, problem.nodeId) === nodeId ? problem.message : undefined));
}
