// The live check of a step's tasks: recomputed when the graph on the canvas changes and when
// a run is recorded or finishes (the document store and the runs store), never on a drag
// alone (a move keeps nodes' kinds, params and edges, so the results are equal — but cheap
// to recompute anyway: the graph walks are cached by structure).
import { useMemo } from 'react';
import { useGraphStore } from '../../store';
import { useRunsStore } from '../../store/runsStore';
import { evaluateTask, type TaskResult } from '../../tasks/evaluate';
import type { Task } from '../../tasks/schema';

export function useTaskResults(tasks: readonly Task[]): TaskResult[] {
  const doc = useGraphStore((s) => s.doc);
  const runs = useRunsStore((s) => s.runs);
  return useMemo(() => tasks.map((t) => evaluateTask(t, { doc, runs })), [tasks, doc, runs]);
}
