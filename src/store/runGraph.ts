// Which graph a run trained, and how it relates to the graph on the canvas: runs belong to
// their graph (by title; a variant keeps its graph's title), and a run whose structure is
// not the canvas's trained another graph, which its row says and can open.
import type { GraphDoc } from '../graph/document';
import { structureKey } from '../graph/structureKey';
import type { RunRecord } from './runsStore';

export interface RunGraph {
  title: string;
  key: string;
}

/** The title and structure key of a serialized graph (a run's docJson); empty for text that is not one. */
export function graphOfDocJson(docJson: string): RunGraph {
  try {
    const raw = JSON.parse(docJson) as Partial<GraphDoc>;
    const title = typeof raw.meta?.title === 'string' ? raw.meta.title : '';
    const key = Array.isArray(raw.nodes) && Array.isArray(raw.edges) ? structureKey(raw as GraphDoc) : '';
    return { title, key };
  } catch {
    return { title: '', key: '' };
  }
}

// Runs recorded before runs stored their graph: their docJson is read once per run.
const derived = new Map<string, { docJson: string; graph: RunGraph }>();

export function runGraph(run: Pick<RunRecord, 'id' | 'docJson' | 'graphTitle' | 'graphKey'>): RunGraph {
  if (run.graphTitle !== undefined && run.graphKey !== undefined) return { title: run.graphTitle, key: run.graphKey };
  const hit = derived.get(run.id);
  if (hit && hit.docJson === run.docJson) return hit.graph;
  const graph = graphOfDocJson(run.docJson);
  derived.set(run.id, { docJson: run.docJson, graph });
  return graph;
}

/** The runs the list shows: all of them, or those of the graph titled `openTitle`. */
export function runsToShow<R extends Pick<RunRecord, 'id' | 'docJson' | 'graphTitle' | 'graphKey'>>(runs: readonly R[], openTitle: string, allGraphs: boolean): R[] {
  return allGraphs ? [...runs] : runs.filter((r) => runGraph(r).title === openTitle);
}

export type RunGraphRelation = 'open' | 'variant' | 'other-graph' | 'other-version';

/**
 * How a run's graph relates to the canvas: the same structure ('open'); a variant of the open
 * graph; another graph altogether; or the open graph as it was before later edits.
 */
export function relationToOpen(run: Pick<RunRecord, 'id' | 'docJson' | 'graphTitle' | 'graphKey' | 'variant'>, open: RunGraph): RunGraphRelation {
  const g = runGraph(run);
  if (g.key === open.key) return 'open';
  if (g.title !== open.title) return 'other-graph';
  return run.variant ? 'variant' : 'other-version';
}

/** What a run's row says about the graph it trained, when that is not the one on the canvas. */
export function relationText(run: Pick<RunRecord, 'name' | 'variant'>, relation: RunGraphRelation, title: string): string | undefined {
  const named = title ? `“${title}”` : 'an untitled graph';
  if (relation === 'variant') return `trained a variant: ${run.name}`;
  if (relation === 'other-graph') return run.variant ? `trained a variant of ${named}: ${run.name}` : `trained ${named}`;
  if (relation === 'other-version') return 'trained an earlier version of this graph';
  return undefined;
}
