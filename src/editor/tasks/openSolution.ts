// "Show the solution" opens the task's solution graph the way every open does (the gallery,
// a file, a run's graph): the store's openGraphText, which parses it, keeps the work that was
// open (it goes to Recent, and the status line says so) and reports a graph that fails.
import { useGraphStore } from '../../store';
import type { Task } from '../../tasks/schema';

export function openTaskSolution(task: Pick<Task, 'title' | 'solution'>): boolean {
  if (!task.solution) return false;
  return useGraphStore.getState().openGraphText(JSON.stringify(task.solution), `the solution of “${task.title}”`);
}
